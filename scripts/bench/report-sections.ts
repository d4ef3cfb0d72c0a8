/**
 * docs/benchmarks.md is written by several runs: the burst run writes the whole file, the open-loop
 * and memory modes their own section, and the rebuild measurement (scripts/bench/rebuild-*.ts) its
 * "Rebuild" section. These helpers keep each run's sections when another run writes the file.
 */

/** Sections a burst run does not write and keeps from the file it replaces (by heading prefix). */
export const KEPT_SECTIONS = ['Open-loop latency', 'Memory at scale', 'Rebuild'];

interface Section {
  heading: string;
  text: string;
}

/** The text before the first `## ` heading, and each `## ` section with its text (heading line included). */
export function splitSections(markdown: string): { head: string; sections: Section[] } {
  const lines = markdown.split('\n');
  const head: string[] = [];
  const sections: Section[] = [];
  let inFence = false;
  for (const line of lines) {
    if (line.startsWith('```')) inFence = !inFence;
    if (!inFence && line.startsWith('## ')) {
      sections.push({ heading: line.slice(3).trim(), text: line });
    } else if (sections.length) {
      sections[sections.length - 1].text += `\n${line}`;
    } else {
      head.push(line);
    }
  }
  return { head: head.join('\n'), sections };
}

function join(head: string, sections: readonly Section[]): string {
  const parts = [head.trimEnd(), ...sections.map((section) => section.text.trimEnd())];
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}

const kept = (heading: string) => KEPT_SECTIONS.some((prefix) => heading.startsWith(prefix));

/** A burst run's report, with the kept sections of the file it replaces appended. */
export function keepOtherRunsSections(generated: string, existing: string | undefined): string {
  if (!existing) return generated;
  const fresh = splitSections(generated);
  const headings = new Set(fresh.sections.map((section) => section.heading));
  const carried = splitSections(existing).sections.filter(
    (section) => kept(section.heading) && !headings.has(section.heading),
  );
  return join(fresh.head, [...fresh.sections, ...carried]);
}

/**
 * The file with `section` (markdown starting with `## <heading>`) put in place of the section whose
 * heading starts with `prefix`, else before "## Method", else at the end; a new file is the section alone
 * under the report's title.
 */
export function replaceSection(existing: string | undefined, prefix: string, section: string): string {
  const incoming = splitSections(section).sections;
  if (!existing) return join('# Benchmarks', incoming);
  const { head, sections } = splitSections(existing);
  const at = sections.findIndex((candidate) => candidate.heading.startsWith(prefix));
  if (at >= 0) sections.splice(at, 1, ...incoming);
  else {
    const method = sections.findIndex((candidate) => candidate.heading === 'Method');
    sections.splice(method >= 0 ? method : sections.length, 0, ...incoming);
  }
  return join(head, sections);
}
