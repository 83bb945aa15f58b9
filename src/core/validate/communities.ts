/**
 * Community names as written, matched to one spelling: the population sheet's when there is one,
 * else the suffixed spelling the data itself uses.
 */
import { foldWidth, normalizeText } from "../cells";
import type { PopulationRow } from "../dataset";
import type { SheetContext, ValidationContext } from "./context";

/** The community ids of the rows of one validation run, as the population sheet spells them. */
export class Communities {
  private readonly resolver: CommunityResolver;
  /** Without a population sheet, bare names to the suffixed spelling the data uses. */
  private readonly spellings: Map<string, string>;
  private readonly resolved = new Map<string, string | undefined>();

  constructor(
    private readonly v: ValidationContext,
    private readonly population: readonly PopulationRow[] | null
  ) {
    const names = v.dicts.community.values;
    this.resolver = new CommunityResolver(
      population ? population.map((p) => names[p.community]) : []
    );
    // Without a population sheet the data's own spellings are the list: a bare 金阳 is the 金阳村
    // written elsewhere, so that a figure never depends on which source lists the communities.
    this.spellings = population
      ? new Map()
      : dataSpellings([...v.sheets.enrolment, ...v.sheets.activity]);
  }

  /** A record's community id; warns when the population sheet does not list it. */
  of(sheet: SheetContext, r: number, col: number | undefined, name: string): number {
    const dict = this.v.dicts.community;
    if (!this.population) return dict.id(this.spellings.get(name) ?? name);
    let canonical = this.resolved.get(name);
    if (canonical === undefined && !this.resolved.has(name)) {
      canonical = this.resolver.resolve(name);
      if (this.resolved.size < 65536) this.resolved.set(name, canonical);
    }
    if (canonical !== undefined) return dict.id(canonical);
    this.v.report(sheet, r, col, {
      code: "unknown-community",
      severity: "warning",
      field: "community",
      raw: name,
      message: { key: "issue.unknownCommunity", params: { community: name } },
    });
    return dict.id(name);
  }

  /** A community named in passing (a school's), in the population's spelling when listed; no issue. */
  listed(name: string): number {
    return this.v.dicts.community.id(this.resolver.resolve(name) ?? name);
  }
}

/** Matches community names as written against the population sheet, forgiving a missing 社区/村 suffix. */
export class CommunityResolver {
  private readonly exact = new Map<string, string>();
  private readonly loose = new Map<string, string | null>();

  constructor(names: readonly string[]) {
    for (const name of names) {
      this.exact.set(communityKey(name), name);
      const l = looseCommunityKey(name);
      this.loose.set(l, this.loose.has(l) && this.loose.get(l) !== name ? null : name);
    }
  }

  get size(): number {
    return this.exact.size;
  }

  /** The population sheet's spelling, or undefined for an unknown community. */
  resolve(name: string): string | undefined {
    return (
      this.exact.get(communityKey(name)) ?? this.loose.get(looseCommunityKey(name)) ?? undefined
    );
  }
}

function communityKey(name: string): string {
  return foldWidth(name).replace(/\s+/g, "").toLowerCase();
}
const COMMUNITY_SUFFIX = /(社区居委会|社区居民委员会|居委会|村委会|村民委员会|社区|村|居)$/;
function looseCommunityKey(name: string): string {
  const k = communityKey(name);
  const stripped = k.replace(COMMUNITY_SUFFIX, "");
  return stripped.length > 0 ? stripped : k;
}

/**
 * Bare community names (no 社区/村/居委会 suffix) mapped to the one suffixed spelling that shares
 * their base in the data; a base with two suffixed spellings (东湖社区 and 东湖村) is ambiguous and
 * left alone. Reads only the community column of each sheet.
 */
export function dataSpellings(sheets: readonly SheetContext[]): Map<string, string> {
  const seen = new Set<string>();
  for (const { sheet, input, originCol } of sheets) {
    const col = sheet.columns.community;
    if (col === undefined) continue;
    const values = input.values;
    for (let r = sheet.dataStart; r < values.length; r++) {
      const v = values[r]?.[col - originCol];
      if (typeof v === "string" && v !== "" && !seen.has(v)) seen.add(v);
    }
  }
  const suffixed = new Map<string, string | null>();
  const bare: string[] = [];
  for (const raw of new Set(Array.from(seen, (v) => normalizeText(v)))) {
    if (!raw) continue;
    const loose = looseCommunityKey(raw);
    if (loose === communityKey(raw)) bare.push(raw);
    else suffixed.set(loose, suffixed.has(loose) && suffixed.get(loose) !== raw ? null : raw);
  }
  const out = new Map<string, string>();
  for (const name of bare) {
    const target = suffixed.get(looseCommunityKey(name));
    if (target) out.set(name, target);
  }
  return out;
}
