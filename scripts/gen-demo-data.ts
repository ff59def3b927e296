// Generates demo/data.jsonl deterministically (fixed seed): `npx tsx scripts/gen-demo-data.ts` rewrites the bundled file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../src/util/prng.js';

const PEOPLE = 1200;
const COMPANIES = 60;
const PROJECTS = 200;
const KNOWS_PER_PERSON = 4;


const FIRST = ['Ada', 'Alan', 'Amara', 'Ben', 'Carla', 'Chen', 'Dara', 'Diego', 'Elif', 'Emil', 'Fatima', 'Finn', 'Grace', 'Hana', 'Ivan', 'Jonas', 'Kai', 'Lena', 'Liam', 'Maya', 'Mei', 'Nadia', 'Noah', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Sofia', 'Tariq', 'Uma', 'Vera', 'Wei', 'Xena', 'Yara', 'Yusuf', 'Zoe', 'Ravi', 'Ines', 'Leo'];
const LAST = ['Abe', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Quispe', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zhang', 'Novak', 'Lindqvist', 'Mensah', 'Ortiz', 'Petrov', 'Kim', 'Nguyen', 'Hughes', 'Alvarez', 'Schmidt', 'Kaur', 'Murphy', 'Sato', 'Dias'];
const CITIES = ['Berlin', 'Lisbon', 'Lagos', 'Toronto', 'Osaka', 'Austin', 'Nairobi', 'Seoul', 'Madrid', 'Oslo'];
const SKILLS = ['rust', 'go', 'typescript', 'python', 'sql', 'kubernetes', 'ml', 'design', 'security', 'graphs'];
const INDUSTRIES = ['finance', 'health', 'retail', 'software', 'energy'];
const WORDS = ['Blue', 'North', 'Quantum', 'Green', 'Iron', 'Bright', 'Silver', 'Nova', 'Delta', 'Cedar', 'Summit', 'Harbor'];
const SUFFIX = ['Labs', 'Systems', 'Works', 'Bank', 'Health', 'Retail', 'Energy', 'Cloud', 'Logic', 'Data'];
const LANGS = ['Rust', 'Go', 'TypeScript', 'Python', 'Java', 'C++'];
const ROLES = ['engineer', 'analyst', 'manager', 'designer', 'researcher'];
const PROJECT_WORDS = ['graph', 'lance', 'vector', 'stream', 'query', 'cache', 'proto', 'mesh', 'flow', 'forge', 'lens', 'atlas'];

/** The demo dataset as JSONL lines (same output for every run). */
export function demoLines(): string[] {
  const r = mulberry32(20260701);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const lines: string[] = [];
  const people: string[] = [];
  const combos = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
  for (let i = combos.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [combos[i], combos[j]] = [combos[j] as string, combos[i] as string];
  }
  for (let i = 0; i < PEOPLE; i++) {
    const name = combos[i] as string;
    people.push(name);
    const skills = [...new Set([pick(SKILLS), pick(SKILLS), pick(SKILLS)].slice(0, int(0, 3)))];
    const data: Record<string, unknown> = { name, city: pick(CITIES) };
    if (r() > 0.05) data.age = int(19, 68);
    if (skills.length > 0) data.skills = skills;
    lines.push(JSON.stringify({ type: 'Person', data }));
  }
  const companies = new Set<string>();
  while (companies.size < COMPANIES) companies.add(`${pick(WORDS)} ${pick(SUFFIX)}`);
  for (const name of companies) lines.push(JSON.stringify({ type: 'Company', data: { name, industry: pick(INDUSTRIES), founded: int(1950, 2024) } }));
  const projects = new Set<string>();
  while (projects.size < PROJECTS) projects.add(`${pick(PROJECT_WORDS)}-${pick(PROJECT_WORDS)}${int(1, 9)}`);
  for (const slug of projects) lines.push(JSON.stringify({ type: 'Project', data: { slug, language: pick(LANGS), stars: Math.floor(10 ** (r() * 4.5)) } }));
  const companyList = [...companies];
  const projectList = [...projects];
  for (const [i, p] of people.entries()) {
    for (let k = 0; k < KNOWS_PER_PERSON; k++) {
      // Mostly local ties (nearby indexes), some long-range ones: a small world.
      const j = r() < 0.8 ? (i + int(1, 25)) % PEOPLE : int(0, PEOPLE - 1);
      if (j === i) continue;
      const day = `${int(2010, 2025)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
      lines.push(JSON.stringify({ edge: 'Knows', from: p, to: people[j], ...(r() < 0.9 ? { data: { since: day } } : {}) }));
    }
    if (r() < 0.85) lines.push(JSON.stringify({ edge: 'WorksAt', from: p, to: companyList[Math.floor(r() ** 1.6 * COMPANIES)], data: { role: pick(ROLES) } }));
    const n = r() < 0.45 ? int(1, 3) : 0;
    for (let k = 0; k < n; k++) lines.push(JSON.stringify({ edge: 'Contributes', from: p, to: pick(projectList), data: { commits: int(1, 400) } }));
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = path.join(import.meta.dirname, '../demo/data.jsonl');
  const lines = demoLines();
  writeFileSync(out, `${lines.join('\n')}\n`);
  console.log(`wrote ${lines.length} lines to ${out}`);
}
