// tests/engines/duckdb_compare.mjs: the DuckDB half of
// tests/engines/duckdb_compare.sh, run by it with Node:
//
//   node duckdb_compare.mjs NODE_DIR SRCDIR TMP
//
// NODE_DIR holds node_modules/@duckdb/node-api (installed by "make
// engines-node" from tests/engines/package-lock.json). It opens an
// in-memory DuckDB that may not install or load extensions by itself,
// runs sql/engines/duckdb.sql, puts the cases of TMP (written by
// tests/engines/lib.sh) to the generated macros, and writes in TMP the
// answers (*.got, in the format of lib.sh) and checks.tsv, one line per
// check: "ok" or "not ok", a tab, what was checked, and optionally a tab
// and a diagnostic. The shell script compares and reports.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [nodeDir, srcdir, tmp] = process.argv.slice(2);
const require = createRequire(join(nodeDir, 'package.json'));
const { DuckDBInstance, StatementType, version } = require('@duckdb/node-api');

const checks = [];
const check = (ok, what, diag = '') => checks.push([ok ? 'ok' : 'not ok', what, String(diag).replace(/[\t\n]/g, ' ')]);

// COPY text format (tests/engines/lib.sh).
const esc = (v) => (v === null || v === undefined ? '\\N'
  : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
const unesc = (s) => (s === '\\N' ? null
  : s.replace(/\\(.)/g, (m, c) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' }[c] ?? c)));
const readTsv = (file) => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split('\t').map(unesc));
const writeLines = (file, lines) => writeFileSync(file, lines.map((l) => l + '\n').join(''));
// DuckDB names its error class first ("Invalid Input Error: ..."): the
// message the extension gives is what follows.
const message = (e) => String(e.message).replace(/^[A-Za-z ]+ Error: /, '').split('\n')[0];

const instance = await DuckDBInstance.create(':memory:', {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
});
const db = await instance.connect();
const rows = async (sql) => (await db.runAndReadAll(sql)).getRows();

// ---- The json extension is part of this DuckDB -----------------------------------
const ext = await rows("SELECT install_mode, loaded FROM duckdb_extensions() WHERE extension_name = 'json'");
check(ext.length === 1 && String(ext[0][0]) === 'STATICALLY_LINKED' && ext[0][1] === true,
  `DuckDB ${(await rows('SELECT version()'))[0][0]} (@duckdb/node-api ${version ? version() : ''}) has the json extension built in (statically linked, loaded; extension install and autoload are off)`,
  JSON.stringify(ext));

// ---- Loading ----------------------------------------------------------------------------
const script = readFileSync(join(srcdir, 'sql/engines/duckdb.sql'), 'utf8');
try {
  await db.run(script);
  check(true, 'sql/engines/duckdb.sql runs in an empty database');
} catch (e) {
  check(false, 'sql/engines/duckdb.sql runs in an empty database', message(e));
}

// ---- The mapping tables -------------------------------------------------------------------
const tables = {
  trtc_events: 'event_id, param1, param2, param1_label, param2_label, description, source, category, severity',
  trtc_experiences: 'experience_id, description',
  trtc_abnormal_events: 'event_id, kind, description',
  trtc_stream_types: 'type, name, description',
};
const tableLines = [];
for (const [name, cols] of Object.entries(tables)) {
  for (const r of await rows(`SELECT ${cols} FROM ${name} ORDER BY rowid`)) tableLines.push([name, ...r].map(esc).join('\t'));
}
writeLines(join(tmp, 'tables.got'), tableLines);

// ---- Scalar functions ---------------------------------------------------------------------
await db.run(`CREATE TEMP TABLE scalar_case AS SELECT * FROM read_csv('${join(tmp, 'scalar.tsv')}', delim = '\t',
  quote = '', escape = '', header = false, nullstr = '\\N',
  columns = {'id': 'INTEGER', 'fn': 'VARCHAR', 'nargs': 'INTEGER', 'a1': 'BIGINT', 'a2': 'BIGINT', 'a3': 'BIGINT'})`);
const scalarExpr = readFileSync(join(srcdir, 'tests/engines/scalar_expr.sql'), 'utf8');
writeLines(join(tmp, 'scalar.got'),
  (await rows(`SELECT id, ${scalarExpr} FROM scalar_case ORDER BY id`)).map((r) => `${r[0]}\t${esc(r[1])}`));

// ---- Values of other types: VARCHAR, DOUBLE, and DECIMAL literals -------------------------------
const odd = readTsv(join(tmp, 'odd.tsv'));
await db.run('CREATE TEMP TABLE odd_case(id INTEGER, kind VARCHAR, v VARCHAR)');
const insOdd = await db.prepare('INSERT INTO odd_case VALUES ($1, $2, $3)');
for (const [id, kind, v] of odd) {
  insOdd.bindInteger(1, Number(id));
  insOdd.bindVarchar(2, kind);
  insOdd.bindVarchar(3, v);
  await insOdd.run();
}
const oddGot = new Map();
for (const r of await rows(`SELECT id, trtc_event(4008, v), trtc_event(v, 0) FROM odd_case WHERE kind = 'text'
                            UNION ALL
                            SELECT id, trtc_event(4008, CAST(v AS DOUBLE)), trtc_event(CAST(v AS DOUBLE), 0)
                              FROM odd_case WHERE kind = 'real'`)) {
  oddGot.set(Number(r[0]), `${r[0]}\t${esc(r[1])}\t${esc(r[2])}`);
}
for (const [id, kind, v] of odd.filter((o) => o[1] === 'numeric')) {
  // The number as a literal: DuckDB types it (INTEGER, DECIMAL(p,s), DOUBLE).
  const r = (await rows(`SELECT trtc_event(4008, ${v}), trtc_event(${v}, 0)`))[0];
  oddGot.set(Number(id), `${id}\t${esc(r[0])}\t${esc(r[1])}`);
}
writeLines(join(tmp, 'odd.got'), [...oddGot.keys()].sort((a, b) => a - b).map((k) => oddGot.get(k)));

// ---- Responses --------------------------------------------------------------------------------
const responses = readTsv(join(tmp, 'responses.tsv'));
const wantErrors = new Set(readFileSync(join(tmp, 'responses.want'), 'utf8').split('\n')
  .filter((l) => l.split('\t')[1] === 'ERROR').map((l) => l.split('\t')[0]));
await db.run('CREATE TEMP TABLE response_case(id INTEGER, fn VARCHAR, body VARCHAR)');
const insResp = await db.prepare('INSERT INTO response_case VALUES ($1, $2, $3)');
for (const [id, fn, body] of responses) {
  insResp.bindInteger(1, Number(id));
  insResp.bindVarchar(2, fn);
  insResp.bindVarchar(3, body);
  await insResp.run();
}
const forms = { varchar: 'r.body', json: 'CAST(r.body AS JSON)', blob: 'encode(r.body)' };
const formsOne = { varchar: '$1', json: 'CAST($1 AS JSON)', blob: 'encode($1)' };
const line = (r) => r.map(esc).join('\t');
for (const [form, arg] of Object.entries(forms)) {
  const out = [];
  for (const fn of ['trtc_user_events', 'trtc_unusual_events']) {
    // The responses that give rows, in one query; those that fail one by one.
    const ids = responses.filter((r) => r[1] === fn && !wantErrors.has(r[0])).map((r) => r[0]);
    let batched = true;
    try {
      const where = form === 'json' ? ' AND json_valid(r.body)' : '';
      for (const r of await rows(`SELECT r.id, e.* FROM response_case r, ${fn}_rowid(${arg}) e
                                   WHERE r.fn = '${fn}' AND r.id IN (${ids.join(', ') || 'NULL'})${where}
                                   ORDER BY r.id, e.rowid`)) out.push(line(r));
    } catch (e) {
      batched = false; // one of them fails: find which, one by one
      check(false, `${form}: the ${ids.length} ${fn} responses expected to give rows run in one query`, message(e));
    }
    const one = await db.prepare(`SELECT $2 AS id, * FROM ${fn}_rowid(${formsOne[form]}) ORDER BY rowid`);
    const valid = await db.prepare('SELECT json_valid($1)');
    for (const [id, f, body] of responses) {
      // The errors one by one as VARCHAR only (a few more checks below).
      if (f !== fn || (batched && !(wantErrors.has(id) && form === 'varchar'))) continue;
      valid.bindVarchar(1, body);
      if (form === 'json' && !(await valid.runAndReadAll()).getRows()[0][0]) continue;
      one.bindVarchar(1, body);
      one.bindInteger(2, Number(id));
      try {
        for (const r of (await one.runAndReadAll()).getRows()) out.push(line(r));
      } catch (e) {
        out.push(`${id}\tERROR\t${esc(message(e))}`);
      }
    }
  }
  writeLines(join(tmp, `responses.${form}.got`), out);
}

// ---- Numbers in text fields ------------------------------------------------------------------
// The extension gives a JSON number in a text field as the text wrote it;
// DuckDB's JSON functions give it back as they write it, which is not
// always the same (docs/engines.md: 1E3 becomes 1000.0, -0 becomes 0).
// The responses where they differ are left out of the comparison above
// (rewritten.ids) and checked here against that rule: the value is the
// number as json_extract() writes it.
const textNumbers = readTsv(join(tmp, 'text_numbers.tsv'));
const rewritten = [];
const ruleBad = [];
const byId = new Map(responses.map((r) => [r[0], r]));
for (const [id, col, literal] of textNumbers) {
  const [, fn, body] = byId.get(id);
  const p = await db.prepare(`SELECT ${col} FROM ${fn}($1)`);
  p.bindVarchar(1, body);
  const got = (await p.runAndReadAll()).getRows().map((r) => String(r[0]));
  if (got.length === 1 && got[0] === literal) continue; // as the extension gives it
  rewritten.push(id);
  const want = String((await rows(`SELECT CAST(json_extract(CAST('[${literal}]' AS JSON), '$[0]') AS VARCHAR)`))[0][0]);
  if (got.length !== 1 || got[0] !== want) ruleBad.push(`${literal}: ${got.join(',')} (want ${want})`);
}
writeLines(join(tmp, 'rewritten.ids'), rewritten);
const shown = [...new Set(rewritten.map((id) => textNumbers.find((t) => t[0] === id)[2]))];
check(ruleBad.length === 0 && rewritten.length > 0,
  `docs: a JSON number in a text field comes back as DuckDB's JSON functions write it: ${rewritten.length} of ${textNumbers.length} cases differ from the extension (${shown.join(' ')})`,
  ruleBad.slice(0, 5).join('; '));

// ---- What docs/engines.md says of DuckDB ----------------------------------------------------
const probe = async (sql) => {
  try {
    return (await rows(sql)).map((r) => r.map((v) => (v === null ? 'NULL' : String(v))).join('|')).join('\n');
  } catch (e) {
    return 'ERROR: ' + message(e);
  }
};
let got = await probe(`SELECT * FROM trtc_user_events('[{"PeerId": "a", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]') WITH ORDINALITY`);
check(got === 'a|NULL|NULL|NULL|5001|-1|-1|Started entering room|sdk|room|info',
  'docs: WITH ORDINALITY on a table macro adds no column in this DuckDB (use the _rowid macros)', got);
got = await probe(`SELECT rowid, peer_id FROM trtc_user_events_rowid('[{"PeerId": "a", "Content": [{}, {}]}, {"PeerId": "b", "Content": [{}]}]')`);
check(got === '1|a\n2|a\n3|b', 'docs: trtc_user_events_rowid() gives the position first', got);
got = await probe(`SELECT peer_id, event_id FROM trtc_user_events('[{"PeerId": "a", "Content": [{"EventId": 5001,},],},]')`);
check(got === 'a|5001', 'docs: DuckDB reads trailing commas, which the extension calls malformed JSON', got);
got = await probe(`SELECT count(*) FROM trtc_user_events('{"Data": [NaN]}')`);
check(got === '0', 'docs: DuckDB reads NaN (and Infinity), which the extension calls malformed JSON', got);
got = await probe(`SELECT peer_id, length(peer_id) FROM trtc_user_events('[{"PeerId": "a\\u0000b", "Content": [{}]}]')`);
check(got === 'a\u0000b|3', 'docs: a \\u0000 in a string is kept in DuckDB\'s text', JSON.stringify(got));
for (const [form, arg] of [['JSON', 'CAST($1 AS JSON)'], ['BLOB', 'encode($1)']]) {
  const p = await db.prepare(`SELECT count(*) FROM trtc_unusual_events(${arg})`);
  p.bindVarchar(1, readFileSync(join(srcdir, 'tests/fixtures/api_error.json'), 'utf8'));
  try {
    got = String((await p.runAndReadAll()).getRows()[0][0]);
  } catch (e) {
    got = message(e);
  }
  check(got === 'trtc_unusual_events: API error InvalidParameter.RoomId: RoomId does not exist.',
    `an API error response as ${form} is the extension's error`, got);
}
got = await probe(`SELECT trtc_event('abc'), trtc_event(5003.5, 0), trtc_event(' 5003 ', '0'), trtc_event(5003.0, 0), trtc_event(true, 0)`);
check(got === 'NULL|NULL|Failed to enter room|Failed to enter room|NULL',
  'docs: the macros read VARCHAR, DOUBLE and DECIMAL arguments as the extension reads arguments; BOOLEAN gives NULL', got);
got = await probe(`SELECT trtc_event(encode('5003'), 0), trtc_event(DATE '2024-01-01', 0), trtc_event(CAST('5003' AS JSON), 0), trtc_event(CAST('"5003"' AS JSON), 0)`);
check(got === 'NULL|NULL|Failed to enter room|NULL', 'docs: BLOB and DATE arguments give NULL; JSON is read as its text', got);
got = await probe(`SELECT (SELECT count(*) FROM trtc_user_events(NULL)) || ',' || (SELECT count(*) FROM trtc_unusual_events(CAST(NULL AS VARCHAR))) || ',' || json_valid(chr(65279) || '[]')`);
check(got === '0,0,false', 'docs: a NULL response gives no rows; a JSON value cannot start with a byte-order mark', got);
try {
  await rows(`SELECT * FROM trtc_user_events('{"Data": [')`);
  got = 'no error';
} catch (e) {
  got = String(e.message).split('\n')[0];
}
check(got === 'Invalid Input Error: trtc_user_events: malformed JSON',
  'docs: malformed JSON is "Invalid Input Error: trtc_user_events: malformed JSON"', got);
try {
  await db.run(script);
  const n = await probe('SELECT (SELECT count(*) FROM trtc_events) || \',\' || (SELECT count(*) FROM trtc_experiences) || \',\' || (SELECT count(*) FROM trtc_abnormal_events) || \',\' || (SELECT count(*) FROM trtc_stream_types)');
  check(n === '110,5,58,4', 'running the file again replaces the tables and macros', n);
} catch (e) {
  check(false, 'running the file again replaces the tables and macros', message(e));
}

// ---- The examples of docs/engines.md ------------------------------------------------------
// TMP/doc/N.sql (tests/engines/lib.sh's doc_blocks): each block in a
// transaction that is rolled back; its output in TMP/doc/N.got: rows with
// columns joined by "|", NULL as NULL (of SELECT statements only), an
// error as "Error: " and DuckDB's message.
for (const entry of readFileSync(join(tmp, 'doc.list'), 'utf8').split('\n').filter((l) => l)) {
  const i = entry.split(' ')[0];
  const out = [];
  const conn = await instance.connect();
  await conn.run('BEGIN TRANSACTION');
  try {
    const statements = await conn.extractStatements(readFileSync(join(tmp, 'doc', `${i}.sql`), 'utf8'));
    for (let k = 0; k < statements.count; k++) {
      const prepared = await statements.prepare(k);
      const result = await prepared.runAndReadAll();
      if (prepared.statementType !== StatementType.SELECT) continue; // INSERT gives a count
      for (const r of result.getRows()) out.push(r.map((v) => (v === null ? 'NULL' : String(v))).join('|'));
    }
  } catch (e) {
    out.push('Error: ' + String(e.message).split('\n')[0]);
  }
  await conn.run('ROLLBACK').catch(() => {});
  writeLines(join(tmp, 'doc', `${i}.got`), out);
}

// ---- sql/examples/ in DuckDB: the sample call as the extension stored it --------------------
// (TMP/sample.tsv), decoded by ingest.duckdb.sql; each variant's rows in
// TMP/example.NAME.got: columns joined by "|", NULL as nothing (as the
// sqlite3 shell's list mode shows them).
{
  const examples = join(srcdir, 'sql/engines/examples');
  const conn = await instance.connect();
  try {
    await conn.run(readFileSync(join(examples, 'schema.duckdb.sql'), 'utf8'));
    const ins = await conn.prepare(`INSERT INTO trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id, source_file, body)
                                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`);
    const sample = readTsv(join(tmp, 'sample.tsv'));
    for (const r of sample) {
      r.forEach((v, k) => (v === null ? ins.bindNull(k + 1) : ins.bindVarchar(k + 1, v)));
      await ins.run();
    }
    await conn.run(readFileSync(join(examples, 'ingest.duckdb.sql'), 'utf8'));
    check(true, `sql/engines/examples/: schema.duckdb.sql and ingest.duckdb.sql load the sample call (${sample.length} responses)`);
  } catch (e) {
    check(false, 'sql/engines/examples/: schema.duckdb.sql and ingest.duckdb.sql load the sample call', message(e));
  }
  for (const name of readFileSync(join(tmp, 'examples.list'), 'utf8').split('\n').filter((l) => l)) {
    let out;
    try {
      const result = await conn.runAndReadAll(readFileSync(join(examples, `${name}.duckdb.sql`), 'utf8'));
      out = result.getRows().map((r) => r.map((v) => (v === null ? '' : String(v))).join('|'));
    } catch (e) {
      out = ['Error: ' + String(e.message).split('\n')[0]];
    }
    writeLines(join(tmp, `example.${name}.got`), out);
  }
}

writeLines(join(tmp, 'checks.tsv'), checks.map((c) => c.join('\t')));
