/**
 * The draft as plain text, to print or to paste into Word: the title, the
 * intro, then each numbered section with one line per paragraph.
 */
import type { Lang } from "../types";
import type { Draft, DraftParagraph, DraftSentence } from "./types";
import { PUNCTUATION } from "./phrases";

export function sentenceText(s: DraftSentence): string {
  return s.parts.map((p) => p.text).join("");
}

/** What separates two sentences of a paragraph: nothing in Chinese, a space in English. */
export function sentenceGap(lang: Lang): string {
  return PUNCTUATION[lang].sentenceGap;
}

export function paragraphText(p: DraftParagraph, gap: string): string {
  return p.sentences.map(sentenceText).join(gap);
}

/** Every line of the draft in reading order (title, intro, heading, paragraphs …). */
export function draftLines(d: Draft): string[] {
  const gap = PUNCTUATION[d.lang].sentenceGap;
  const lines = [sentenceText(d.title), "", paragraphText(d.intro, gap)];
  for (const section of d.sections) {
    lines.push("", section.heading);
    for (const p of section.paragraphs) lines.push(paragraphText(p, gap));
  }
  return lines;
}

export function draftText(d: Draft): string {
  return `${draftLines(d).join("\n")}\n`;
}
