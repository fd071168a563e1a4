#!/usr/bin/env node
// Validates SARIF 2.1.0 files the way GitHub code scanning will read them. Run it through
// scripts/validate-sarif, which installs the pinned npm tools first:
//
//   node tests/sarif/validate-sarif.js --tools DIR [--show-notes] [--expect CHECKER/RULE]... FILE.sarif...
//
// DIR is the directory whose node_modules holds the packages pinned in tests/sarif/package-lock.json.
// Three checkers run on every file:
//   schema     ajv 8 (draft 2020-12, allErrors) against the official sarif-2.1.0.json shipped in
//              @microsoft/sarif-multitool-linux;
//   multitool  Sarif.Multitool validate --rule-kind "Gh;Sarif" (GitHub ingestion rules GH1001-GH2012
//              plus the SARIF1xxx/2xxx rules); levels error and warning fail, notes never do;
//   extra      GitHub ingestion requirements that neither of the two catches (see EXTRA below).
// Prints one line per problem, "FILE: LEVEL CHECKER/RULE: WHERE: MESSAGE", then a summary line.
// Exit status: 0 when every file is clean, 1 when any file has a problem, 2 on a usage or set-up error.
// With --expect (tests of deliberately broken files): 0 only if every file failed with each given id.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { fileURLToPath } = require('url');

// ---------------------------------------------------------------------------------------------
// Arguments
function die(msg) {
  process.stderr.write(`validate-sarif: ${msg}\n`);
  process.exit(2);
}
const argv = process.argv.slice(2);
let toolsDir = null;
let showNotes = false;
const expected = [];
const inputs = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--tools') toolsDir = argv[++i];
  else if (a === '--show-notes') showNotes = true;
  else if (a === '--expect') expected.push(argv[++i]);
  else if (a === '--') {
    inputs.push(...argv.slice(i + 1));
    break;
  }
  else if (a.startsWith('--')) die(`unknown option ${a}`);
  else inputs.push(a);
}
if (!toolsDir) die('--tools DIR is required');
if (inputs.length === 0) die('usage: validate-sarif.js --tools DIR [--show-notes] [--expect CHECKER/RULE]... FILE.sarif...');
if (expected.some((e) => !e || !e.includes('/'))) die('--expect takes CHECKER/RULE, e.g. multitool/GH2012 or schema/enum');

const modules = path.resolve(toolsDir, 'node_modules');
const multitoolDir = path.join(modules, '@microsoft', 'sarif-multitool-linux');
const multitool = path.join(multitoolDir, 'Sarif.Multitool');
function load(name) {
  try {
    return require(path.join(modules, name));
  } catch (e) {
    die(`cannot load ${name} from ${modules} (run scripts/validate-sarif to install it): ${e.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Problems
const problems = new Map(); // file key -> [{level, checker, rule, where, message}]
const notes = new Map();
function add(map, key, p) {
  if (!map.has(key)) map.set(key, []);
  map.get(key).push(p);
}
const problem = (key, checker, rule, where, message, level = 'error') =>
  add(problems, key, { level, checker, rule, where, message });

// ---------------------------------------------------------------------------------------------
// Files: each input is keyed by its real path; the name the user gave is what we print.
const files = []; // {key, name, doc|null, schemaValid}
const seen = new Set();
for (const name of inputs) {
  let key;
  try {
    key = fs.realpathSync(name);
    if (!fs.statSync(key).isFile()) throw new Error('not a regular file');
  } catch (e) {
    files.push({ key: name, name, doc: null, schemaValid: false });
    problem(name, 'input', 'unreadable', '-', `cannot read the file: ${e.code || e.message}`);
    continue;
  }
  if (seen.has(key)) continue;
  seen.add(key);
  const f = { key, name, doc: null, schemaValid: false };
  files.push(f);
  try {
    f.doc = JSON.parse(fs.readFileSync(key, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    problem(key, 'schema', 'json', '-', `not valid JSON: ${e.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Checker 1: JSON schema
const Ajv2020 = load('ajv/dist/2020');
const addFormats = load('ajv-formats');
const schemaFile = path.join(multitoolDir, 'sarif-2.1.0.json');
let validate;
try {
  const ajv = new (Ajv2020.default || Ajv2020)({ strict: false, allErrors: true });
  (addFormats.default || addFormats)(ajv);
  validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
} catch (e) {
  die(`cannot compile the SARIF schema ${schemaFile}: ${e.message}`);
}

function valueAt(root, pointer) {
  let cur = root;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !(k in cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}
// "/runs/0/results/1/level" -> "runs[0].results[1].level", the notation the multitool uses.
function jsonPath(pointer) {
  if (!pointer) return '(root)';
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? (i ? '.' : '') + s : `['${s}']`))
    .join('');
}

for (const f of files) {
  if (!f.doc) continue;
  if (validate(f.doc)) {
    f.schemaValid = true;
    continue;
  }
  const lines = new Set();
  for (const err of validate.errors) {
    let msg = err.message || 'invalid';
    if (err.keyword === 'enum') msg = `must be one of ${err.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    if (err.keyword === 'additionalProperties') msg = `unknown property '${err.params.additionalProperty}'`;
    if (['format', 'type', 'enum', 'pattern', 'minimum', 'minLength', 'const'].includes(err.keyword)) {
      const v = valueAt(f.doc, err.instancePath);
      if (v !== undefined) msg += `; got ${JSON.stringify(v)}`;
    }
    const line = `${err.keyword}\u0000${jsonPath(err.instancePath)}\u0000${msg}`;
    if (lines.has(line)) continue;
    lines.add(line);
    problem(f.key, 'schema', err.keyword, jsonPath(err.instancePath), msg);
  }
}

// ---------------------------------------------------------------------------------------------
// Checker 3 (runs before the slow one): EXTRA - GitHub ingestion requirements that neither the
// schema nor Sarif.Multitool 5.7.0 reports. Each one was seen to be missed by both validators.
//   security-severity       rule property must be a JSON string holding a number in (0, 10]; GitHub
//                           rejects a number ("expected string") and a word ("is not a number").
//   uri-dot-segment         a relative uri must not start with "./" nor contain "." or ".." segments:
//                           GitHub joins it to the checkout path and finds no file ("Preview unavailable").
//   rule-index-mismatch     result.ruleIndex must point at the rule named by result.ruleId (SARIF §3.27.7).
//   artifact-index-mismatch artifactLocation.index must point at an artifact with the same uri (§3.4.6).
//   too-many-tags           GitHub rejects a rule with more than 20 tags.
//   too-many-runs           GitHub rejects a file with more than 20 runs.
//   duplicate-category      GitHub rejects two runs of one tool with the same automationDetails.id.
function isObj(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function extraChecks(f) {
  const doc = f.doc;
  if (!isObj(doc)) return;
  const bad = (rule, where, msg) => problem(f.key, 'extra', rule, where, msg);
  const runs = Array.isArray(doc.runs) ? doc.runs : [];
  if (runs.length > 20) bad('too-many-runs', 'runs', `${runs.length} runs; GitHub accepts at most 20 per file`);
  const categories = new Map();
  runs.forEach((run, r) => {
    if (!isObj(run)) return;
    const driver = isObj(run.tool) && isObj(run.tool.driver) ? run.tool.driver : {};
    const components = [[`runs[${r}].tool.driver`, driver]];
    if (isObj(run.tool) && Array.isArray(run.tool.extensions)) {
      run.tool.extensions.forEach((x, i) => components.push([`runs[${r}].tool.extensions[${i}]`, x]));
    }
    for (const [where, comp] of components) {
      if (!isObj(comp) || !Array.isArray(comp.rules)) continue;
      comp.rules.forEach((rule, i) => {
        if (!isObj(rule) || !isObj(rule.properties)) return;
        const p = rule.properties;
        const at = `${where}.rules[${i}].properties`;
        if ('security-severity' in p) {
          const v = p['security-severity'];
          if (typeof v !== 'string') {
            bad('security-severity', `${at}['security-severity']`,
              `must be a JSON string holding a number, e.g. "8.1"; got ${typeof v} ${JSON.stringify(v)} (GitHub rejects the upload)`);
          } else if (!/^\s*\d+(\.\d+)?\s*$/.test(v) || !(Number(v) > 0 && Number(v) <= 10)) {
            bad('security-severity', `${at}['security-severity']`,
              `must be a number in (0.0, 10.0] written as a string, e.g. "8.1"; got ${JSON.stringify(v)}`);
          }
        }
        if (Array.isArray(p.tags) && p.tags.length > 20) {
          bad('too-many-tags', `${at}.tags`, `${p.tags.length} tags; GitHub accepts at most 20 per rule`);
        }
      });
    }
    const rules = Array.isArray(driver.rules) ? driver.rules : [];
    const results = Array.isArray(run.results) ? run.results : [];
    results.forEach((res, i) => {
      if (!isObj(res) || !Number.isInteger(res.ruleIndex) || typeof res.ruleId !== 'string') return;
      const rule = rules[res.ruleIndex];
      if (!isObj(rule) || typeof rule.id !== 'string') return; // out of range: SARIF1009 reports it
      if (res.ruleId !== rule.id && !res.ruleId.startsWith(`${rule.id}/`)) {
        bad('rule-index-mismatch', `runs[${r}].results[${i}]`,
          `ruleId ${JSON.stringify(res.ruleId)} but ruleIndex ${res.ruleIndex} is rule ${JSON.stringify(rule.id)}`);
      }
    });
    if (isObj(run.automationDetails) && typeof run.automationDetails.id === 'string') {
      const id = run.automationDetails.id;
      const category = id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : '';
      const key = `${driver.name}\u0000${category}`;
      if (categories.has(key)) {
        bad('duplicate-category', `runs[${r}].automationDetails.id`,
          `same tool ${JSON.stringify(driver.name)} and category ${JSON.stringify(category)} as runs[${categories.get(key)}]; GitHub rejects the upload`);
      } else categories.set(key, r);
    }
    const artifacts = Array.isArray(run.artifacts) ? run.artifacts : [];
    // Every object with a string "uri" in a SARIF run is an artifactLocation.
    (function walk(node, where) {
      if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${where}[${i}]`));
      if (!isObj(node)) return;
      if (typeof node.uri === 'string') {
        const u = node.uri;
        if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(u)) {
          const segs = u.split(/[?#]/)[0].split('/');
          if (segs.some((s) => s === '.' || s === '..')) {
            bad('uri-dot-segment', `${where}.uri`,
              `relative uri ${JSON.stringify(u)} has a "." or ".." segment; write it relative to the repository root with no "./" prefix`);
          }
        }
        if (Number.isInteger(node.index) && node.index >= 0 && isObj(artifacts[node.index]) &&
            isObj(artifacts[node.index].location) && typeof artifacts[node.index].location.uri === 'string' &&
            !where.startsWith(`runs[${r}].artifacts[${node.index}]`)) {
          const a = artifacts[node.index].location;
          if (a.uri !== u || (a.uriBaseId || '') !== (node.uriBaseId || '')) {
            bad('artifact-index-mismatch', `${where}.index`,
              `index ${node.index} is artifact ${JSON.stringify(a.uri)} but uri is ${JSON.stringify(u)}`);
          }
        }
      }
      for (const [k, v] of Object.entries(node)) if (k !== 'properties') walk(v, `${where}.${k}`);
    })(run, `runs[${r}]`);
  });
}
for (const f of files) extraChecks(f);

// ---------------------------------------------------------------------------------------------
// Checker 2: Sarif.Multitool. Starting it costs ~0.7 s of CPU and every file ~0.25 s more, so all
// files go through one invocation. Two traps, both seen with 5.7.0:
//  - it exits 0 whatever it finds, so we read its -o output log and count results by level;
//  - a file it cannot load into its object model (an unknown enum value such as "level":
//    "critical", a line number above 2^31-1, ...) is skipped without a word, and so is EVERY
//    file after it on the command line ("Analysis completed successfully", exit 0).
// So a canary file that always yields one known error goes last: if its result is missing, the
// run stopped early. Then one more run with a canary after every file shows where it stopped;
// the files before that point are validated, the one at it is reported as not-loaded, and the
// rest go round again. Schema-valid files go first, since schema-invalid ones are the usual
// culprits.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-sarif-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const canaryText = JSON.stringify({
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: [{
    tool: { driver: { name: 'canary', version: '1.0', informationUri: 'https://example.invalid/',
      rules: [{ id: 'CANARY1', shortDescription: { text: 'Canary.' }, fullDescription: { text: 'Canary.' } }] } },
    results: [],
  }],
}); // no rule "help": GH2012 error, every time
// SARIF2006 (UrisShouldBeReachable, a note) makes an HTTP GET for every URI in the file: on a
// machine without network it waits on DNS, on one with network the outcome is not reproducible.
// Disable it; the multitool then logs one WRN999 configuration notice, ignored below.
const config = path.join(tmp, 'multitool.config.xml');
fs.writeFileSync(config, `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`);
// One thread: files are then loaded strictly in command-line order, which the canary logic relies
// on; two threads were no faster on this project's 2-core machines.
const threads = '1';
let mtRuns = 0;
let mtSeconds = 0;
let tmpFiles = 0;

function formatMessage(msg, rule) {
  if (!isObj(msg)) return '';
  let text = msg.text;
  if (text === undefined && msg.id && isObj(rule) && isObj(rule.messageStrings) && isObj(rule.messageStrings[msg.id])) {
    text = rule.messageStrings[msg.id].text;
  }
  if (text === undefined) text = `${msg.id || ''} ${JSON.stringify(msg.arguments || [])}`;
  const args = Array.isArray(msg.arguments) ? msg.arguments : [];
  return String(text).replace(/\{(\d+)\}/g, (m, n) => (n < args.length ? args[n] : m));
}

// Runs the multitool over `batch`, with a canary after the last file, or after every file when
// `interleave`. Returns {error} when the tool itself failed, or {found, reached}: found maps each
// file to its problems and notes; reached is how many files of the batch were surely validated.
function runMultitool(batch, interleave) {
  // Each file is copied under a plain name: the multitool treats '*' and '?' in a path as a
  // wildcard, and the copy gives every output uri an unambiguous way back to its input.
  const args = ['validate'];
  const byPath = new Map(); // copy path -> {file index} or {canary index}
  const newPath = (text, entry) => {
    const p = path.join(tmp, `${++tmpFiles}.sarif`);
    if (typeof text === 'string') fs.writeFileSync(p, text);
    else fs.copyFileSync(text.key, p);
    byPath.set(p, entry);
    args.push(p);
  };
  batch.forEach((f, i) => {
    newPath(f, { file: i });
    if (interleave || i === batch.length - 1) newPath(canaryText, { canary: i });
  });
  const out = path.join(tmp, `out-${++tmpFiles}.sarif`);
  args.push('-c', config, '-o', out, '--rule-kind', 'Gh;Sarif', '--log', 'ForceOverwrite', '--threads', threads,
    '--level', showNotes ? 'Error;Warning;Note' : 'Error;Warning');
  const t0 = process.hrtime.bigint();
  const p = spawnSync(multitool, args, { encoding: 'utf8', timeout: 900000, maxBuffer: 64 << 20 });
  mtSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
  mtRuns++;
  if (p.error) return { error: `could not run ${multitool}: ${p.error.message}` };
  if (p.status !== 0) {
    const tail = `${p.stdout || ''}\n${p.stderr || ''}`.trim().split('\n').slice(-3).join(' | ');
    return { error: `Sarif.Multitool exited with status ${p.status}: ${tail}` };
  }
  let log;
  try {
    log = JSON.parse(fs.readFileSync(out, 'utf8'));
  } catch (e) {
    return { error: `Sarif.Multitool wrote no readable output log: ${e.message}` };
  }
  const found = batch.map(() => ({ problems: [], notes: [] }));
  const canaries = new Set();
  let toolError = null;
  for (const run of Array.isArray(log.runs) ? log.runs : []) {
    const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
    for (const res of run.results || []) {
      const pl = ((res.locations || [])[0] || {}).physicalLocation || {};
      const uri = (pl.artifactLocation || {}).uri || '';
      let file = uri;
      try {
        if (uri.startsWith('file:')) file = fileURLToPath(uri);
      } catch (e) { /* keep the raw uri */ }
      const entry = byPath.get(file);
      if (!entry) {
        toolError = `result for a file it was not given (${uri}): ${formatMessage(res.message, null)}`;
        continue;
      }
      if ('canary' in entry) {
        canaries.add(entry.canary);
        continue;
      }
      const rule = Number.isInteger(res.ruleIndex) ? rules[res.ruleIndex] : rules.find((x) => x.id === res.ruleId);
      const level = res.level || (rule && rule.defaultConfiguration && rule.defaultConfiguration.level) || 'warning';
      // Most messages start with the JSON path of the offending object: use it as WHERE.
      const text = formatMessage(res.message, rule);
      const m = /^([^:\s]*): (.*)$/s.exec(text);
      let where = m ? m[1] || '(root)' : '';
      if (pl.region && pl.region.startLine) where = where ? `${where} (line ${pl.region.startLine})` : `line ${pl.region.startLine}`;
      const item = { level, checker: 'multitool', rule: res.ruleId || '?', where: where || '-', message: m ? m[2] : text };
      found[entry.file][level === 'error' || level === 'warning' ? 'problems' : 'notes'].push(item);
    }
    for (const inv of run.invocations || []) {
      for (const n of [...(inv.toolConfigurationNotifications || []), ...(inv.toolExecutionNotifications || [])]) {
        const id = (n.descriptor && n.descriptor.id) || 'notification';
        if (id === 'WRN999.RuleExplicitlyDisabled') continue; // our own SARIF2006 switch-off
        if (n.level === 'note' || n.level === 'none') continue;
        toolError = `tool notification ${id}: ${formatMessage(n.message, null)}`;
      }
      if (inv.executionSuccessful === false) toolError = 'Sarif.Multitool reports executionSuccessful: false';
    }
  }
  if (toolError) return { error: toolError };
  let reached = 0;
  if (interleave) while (canaries.has(reached)) reached++;
  else if (canaries.has(batch.length - 1)) reached = batch.length;
  return { found, reached };
}

const NOT_LOADED = 'Sarif.Multitool could not load this file and skipped it without a word (as it does for values its ' +
  'object model cannot hold, e.g. an unknown enum value), so no GitHub ingestion rules were checked';
let queue = [...files.filter((f) => f.doc && f.schemaValid), ...files.filter((f) => f.doc && !f.schemaValid)];
let interleave = false;
while (queue.length) {
  const r = runMultitool(queue, interleave);
  if (r.error) {
    for (const f of queue) problem(f.key, 'multitool', 'failed', '-', r.error);
    break;
  }
  for (let i = 0; i < r.reached; i++) {
    for (const p of r.found[i].problems) add(problems, queue[i].key, p);
    for (const p of r.found[i].notes) add(notes, queue[i].key, p);
  }
  if (r.reached === queue.length) break;
  if (!interleave) {
    interleave = true; // stopped early somewhere: run again to find where
    continue;
  }
  const culprit = queue[r.reached];
  problem(culprit.key, 'multitool', 'not-loaded', '-', culprit.schemaValid ? NOT_LOADED : `${NOT_LOADED}; fix the schema errors first`);
  queue = queue.slice(r.reached + 1);
  interleave = false;
}

// ---------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------
// Report
const order = ['input', 'schema', 'extra', 'multitool'];
let failed = 0;
let count = 0;
const keys = [...files.map((f) => f.key), ...[...problems.keys()].filter((k) => !files.some((f) => f.key === k))];
for (const key of keys) {
  const f = files.find((x) => x.key === key);
  const name = f ? f.name : key;
  const list = (problems.get(key) || []).filter((p) => p.level !== 'note');
  list.sort((a, b) => order.indexOf(a.checker) - order.indexOf(b.checker));
  if (list.length) failed++;
  for (const p of list) {
    count++;
    console.log(`${name}: ${p.level} ${p.checker}/${p.rule}: ${p.where}: ${p.message}`);
  }
  if (showNotes) {
    for (const p of [...(notes.get(key) || []), ...(problems.get(key) || []).filter((x) => x.level === 'note')]) {
      console.log(`${name}: note ${p.checker}/${p.rule}: ${p.where}: ${p.message}`);
    }
  }
}
const mtInputs = files.filter((f) => f.doc).length;
const per = mtInputs ? `, ${(mtSeconds / mtInputs).toFixed(2)} s per file` : '';
console.log(`validate-sarif: ${files.length} file(s), ${failed} failed, ${count} problem(s); ` +
  `Sarif.Multitool: ${mtInputs} file(s) in ${mtRuns} run(s), ${mtSeconds.toFixed(1)} s${per}`);
if (expected.length) {
  // Test mode for deliberately broken files: succeed only if every file failed and every
  // expected CHECKER/RULE was reported for every file.
  let ok = true;
  for (const f of files) {
    const got = new Set((problems.get(f.key) || []).filter((p) => p.level !== 'note').map((p) => `${p.checker}/${p.rule}`));
    if (!got.size) {
      ok = false;
      console.log(`${f.name}: expected to fail with ${expected.join(', ')} but passed`);
    }
    for (const e of expected) {
      if (got.size && !got.has(e)) {
        ok = false;
        console.log(`${f.name}: expected ${e} among the problems, got ${[...got].join(', ')}`);
      }
    }
  }
  console.log(`validate-sarif: --expect ${expected.join(' ')}: ${ok ? 'as expected' : 'NOT as expected'}`);
  process.exit(ok ? 0 : 1);
}
process.exit(failed ? 1 : 0);
