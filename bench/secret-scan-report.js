#!/usr/bin/env node
// The findings half of bench/secret-scan.sh: reads fnlint's and secretlint's JSON
// reports on the same package and prints what each found, side by side.
//
//   node bench/secret-scan-report.js --extracted DIR [--zip PKG.zip]
//        [--fnlint-zip FILE] [--fnlint-dir FILE] [--secretlint FILE] [--limit N]
//
//   --extracted   the extracted copy of the package (node_modules renamed to deps)
//   --zip         the package zip that --fnlint-zip scanned
//   --fnlint-zip  fnlint's JSON report on the zip        (findings[].ruleId, .location)
//   --fnlint-dir  fnlint's JSON report on --extracted
//   --secretlint  secretlint's `--format json` report on --extracted
//                 ([{ filePath, messages: [{ ruleId, loc: { start: { line, column } } }] }])
//   --limit       at most this many locations listed per side (default 20)
//
// A missing or unreadable report is shown as n/a; the script always exits 0.
//
// Locations are compared as "file:line", with file relative to the extracted tree.
// Members of the zip are mapped to that tree (every node_modules/ folder is deps/
// there); a finding inside a nested archive is "outer!inner". A finding with no line
// matches any finding in the same file; a finding on the package as a whole
// ("(package)") matches nothing.
'use strict';

const fs = require('fs');
const path = require('path');

const args = { limit: '20' };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  args[k] = process.argv[i + 1];
}
const limit = Math.max(0, parseInt(args.limit, 10) || 0);
const extracted = args.extracted ? path.resolve(args.extracted) : null;
const zip = args.zip ? path.resolve(args.zip) : null;

function load(file) {
  if (!file) return { error: 'not run' };
  try {
    return { doc: JSON.parse(fs.readFileSync(file, 'utf8')) };
  } catch (e) {
    return { error: fs.existsSync(file) ? `unreadable (${e.message.slice(0, 80)})` : 'no report' };
  }
}

// node_modules/ folders are deps/ in the extracted tree (the file name itself is kept).
function toExtractedLayout(member) {
  const segs = member.split('/');
  for (let i = 0; i < segs.length - 1; i++) if (segs[i] === 'node_modules') segs[i] = 'deps';
  return segs.join('/');
}

function relToExtracted(p) {
  if (!extracted) return null;
  const rel = path.relative(extracted, path.resolve(p));
  if (rel === '') return '';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

// fnlint finding -> { rule, file, line, col }
function fnlintEntries(doc) {
  const out = [];
  for (const f of doc.findings || []) {
    const loc = f.location || {};
    const members = Array.isArray(loc.members) ? loc.members : [];
    const region = loc.region || null;
    let file;
    const p = loc.path ? path.resolve(loc.path) : null;
    if (p && zip && p === zip) {
      file = members.length ? [toExtractedLayout(members[0]), ...members.slice(1)].join('!') : '(package)';
    } else {
      const rel = p ? relToExtracted(p) : null;
      if (rel === '') file = members.length ? members.join('!') : '(package)';
      else if (rel !== null) file = [rel, ...members].join('!');
      else file = `(outside) ${loc.display || loc.path || '?'}`;
    }
    out.push({
      rule: f.ruleId || '?',
      file,
      line: region && region.startLine ? region.startLine : null,
      col: region && region.startColumn ? region.startColumn : null,
    });
  }
  return out;
}

// secretlint message -> { rule, file, line, col } (its columns are 0-based; shown 1-based)
function secretlintEntries(doc) {
  const out = [];
  for (const r of Array.isArray(doc) ? doc : []) {
    const rel = relToExtracted(r.filePath || '');
    const file = rel === null ? `(outside) ${r.filePath}` : rel;
    for (const m of r.messages || []) {
      const start = (m.loc && m.loc.start) || {};
      out.push({
        rule: m.ruleId || '?',
        file,
        line: Number.isInteger(start.line) ? start.line : null,
        col: Number.isInteger(start.column) ? start.column + 1 : null,
      });
    }
  }
  return out;
}

function countByRule(entries) {
  const m = new Map();
  for (const e of entries) m.set(e.rule, (m.get(e.rule) || 0) + 1);
  return m;
}

const where = (e) => e.file + (e.line ? `:${e.line}${e.col ? `:${e.col}` : ''}` : '');

// entries of `a` with no counterpart in `b`
function unmatched(a, b) {
  const idx = new Map(); // file -> Set of lines (null: file-level)
  for (const e of b) {
    if (e.file === '(package)') continue;
    if (!idx.has(e.file)) idx.set(e.file, new Set());
    idx.get(e.file).add(e.line);
  }
  return a.filter((e) => {
    if (e.file === '(package)') return true;
    const lines = idx.get(e.file);
    if (!lines) return true;
    if (e.line === null) return false;
    return !(lines.has(e.line) || lines.has(null));
  });
}

function list(title, entries) {
  console.log(`${title}: ${entries.length}${entries.length > limit ? ` (first ${limit})` : ''}`);
  for (const e of entries.slice(0, limit)) console.log(`    ${where(e).padEnd(60)} ${e.rule}`);
}

const cols = [
  { name: 'fnlint pkg.zip', rep: load(args['fnlint-zip']), parse: fnlintEntries },
  { name: 'fnlint extracted', rep: load(args['fnlint-dir']), parse: fnlintEntries },
  { name: 'secretlint extracted', rep: load(args.secretlint), parse: secretlintEntries },
];
for (const c of cols) {
  if (c.rep.doc !== undefined) {
    try {
      // secretlint reports files in completion order: sort for stable output
      c.entries = c.parse(c.rep.doc).sort((x, y) =>
        x.file < y.file ? -1 : x.file > y.file ? 1 : (x.line || 0) - (y.line || 0) || (x.col || 0) - (y.col || 0));
      c.counts = countByRule(c.entries);
    } catch (e) {
      c.rep.error = `unexpected shape (${e.message.slice(0, 80)})`;
    }
  }
}

// what each tool read
const [fz, fd, sl] = cols;
const reads = [];
for (const c of [fz, fd]) {
  const s = c.entries && c.rep.doc.summary;
  if (s && s.filesScanned !== undefined) reads.push(`${c.name}: filesScanned ${s.filesScanned}`);
}
if (sl.entries && Array.isArray(sl.rep.doc)) {
  const types = {};
  for (const r of sl.rep.doc) types[r.sourceContentType || '?'] = (types[r.sourceContentType || '?'] || 0) + 1;
  const t = Object.entries(types).map(([k, v]) => `${v} ${k}`).join(', ');
  reads.push(`secretlint: ${sl.rep.doc.length} files read (${t})`);
}
if (reads.length) console.log(`files read:  ${reads.join('; ')}`);
console.log();

// counts by rule, side by side
const rules = [];
for (const c of cols) for (const r of c.counts ? c.counts.keys() : []) if (!rules.includes(r)) rules.push(r);
const w = Math.max(24, ...rules.map((r) => r.length)) + 2;
console.log('findings by rule'.padEnd(w) + cols.map((c) => c.name.padStart(22)).join(''));
for (const r of rules) {
  console.log(r.padEnd(w) + cols.map((c) => String(c.counts ? c.counts.get(r) || '-' : 'n/a').padStart(22)).join(''));
}
console.log('total'.padEnd(w) + cols.map((c) => String(c.entries ? c.entries.length : 'n/a').padStart(22)).join(''));
for (const c of cols) if (c.rep.error) console.log(`  ${c.name}: ${c.rep.error}`);
console.log();

// locations one reported and the other did not
const fn = fd.entries ? fd : fz.entries ? fz : null;
if (fn && sl.entries) {
  console.log(`locations (file:line, relative to ${extracted}), ${fn.name} vs secretlint:`);
  list('  only secretlint', unmatched(sl.entries, fn.entries));
  list('  only fnlint', unmatched(fn.entries, sl.entries));
  const both = sl.entries.length - unmatched(sl.entries, fn.entries).length;
  console.log(`  reported by both: ${both} secretlint location(s)`);
} else {
  console.log('locations: not compared (a report is missing)');
}

// the zip scan against the scan of the same files extracted
if (fz.entries && fd.entries) {
  const files = (es) => es.filter((e) => e.file !== '(package)');
  const a = unmatched(files(fz.entries), files(fd.entries));
  const b = unmatched(files(fd.entries), files(fz.entries));
  const pkg = fz.entries.length - files(fz.entries).length;
  console.log();
  console.log(`fnlint pkg.zip vs extracted: ${a.length} file location(s) only in pkg.zip, ${b.length} only in extracted` +
    ` (${pkg} finding(s) on the zip as a whole not compared)`);
  for (const e of a.slice(0, Math.min(limit, 10))) console.log(`  only pkg.zip    ${where(e).padEnd(60)} ${e.rule}`);
  for (const e of b.slice(0, Math.min(limit, 10))) console.log(`  only extracted  ${where(e).padEnd(60)} ${e.rule}`);
}
