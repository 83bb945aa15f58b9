import * as React from "react";
import { makeStyles, Text, Title2, tokens } from "@fluentui/react-components";
import { Locale, HostKind, STRINGS } from "./i18n";

export interface AppProps {
  host: HostKind;
  locale: Locale;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
  },
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
  logo: {
    width: "32px",
    height: "32px",
  },
  status: {
    color: tokens.colorNeutralForeground3,
  },
});

export function App({ host, locale }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const strings = STRINGS[locale];
  return (
    <main className={styles.root} lang={locale}>
      <header className={styles.header}>
        <img className={styles.logo} src="assets/icon-64.png" alt="" />
        <div>
          <Title2 as="h1">CEDU</Title2>
          <Text as="p" block>
            {strings.subtitle}
          </Text>
        </div>
      </header>
      <Text as="p" className={styles.status} data-testid="host-status">
        {strings.host[host]}
      </Text>
    </main>
  );
}
