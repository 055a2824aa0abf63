// Wire compatibility: the official `fauna` driver, unchanged, against FaunaLocal, over its default Node
// transport (HTTP/2 with prior knowledge) and over its FetchClient (HTTP/1.1).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  Client, FetchClient, NodeHTTP2Client, getDefaultHTTPClient, fql,
  AbortError, AuthenticationError, ConstraintFailureError, QueryCheckError, QueryRuntimeError,
  DateStub, TimeStub, Document, DocumentReference, NullDocument, Module,
} from "fauna";
import { startFaunaLocal } from "./faunalocal.mjs";

let server;
let endpoint;

before(async () => {
  ({ endpoint, process: server } = await startFaunaLocal());
  const admin = new Client({ endpoint, secret: "secret" });
  await admin.query(fql`
    Collection.create({ name: "User",
      indexes: { byEmail: { terms: [{ field: ".email" }] } },
      constraints: [{ unique: ["email"] }] })
    Collection.create({ name: "Item", indexes: { byGroup: { terms: [{ field: ".group" }], values: [{ field: ".n", order: "desc" }] } } })`);
  admin.close();
});

after(() => server?.kill());

test("the driver's default transport under Node is HTTP/2", () => {
  const client = getDefaultHTTPClient({ url: "http://127.0.0.1:1", http2_session_idle_ms: 500, http2_max_streams: 10 });
  assert.ok(client instanceof NodeHTTP2Client);
  client.close();
});

const transports = [
  ["HTTP/2 (default Node transport)", () => new Client({ endpoint, secret: "secret" })],
  ["HTTP/1.1 (FetchClient)", () => new Client({ endpoint, secret: "secret" }, new FetchClient({ url: endpoint.toString(), fetch_keepalive: false }))],
];

for (const [name, makeClient] of transports) {
  describe(name, () => {
    let client;
    const tag = name.startsWith("HTTP/2") ? "h2" : "h1";
    before(() => { client = makeClient(); });
    after(() => client.close());

    test("create, read, update, delete", async () => {
      const created = await client.query(fql`User.create({ email: ${`${tag}@x.com`}, name: "Ann" })`);
      assert.ok(created.data instanceof Document);
      assert.equal(created.data.name, "Ann");
      assert.ok(created.data.coll instanceof Module);
      assert.equal(created.data.coll.name, "User");
      assert.ok(created.data.ts instanceof TimeStub);
      const id = created.data.id;

      const read = await client.query(fql`User.byId(${id})`);
      assert.equal(read.data.email, `${tag}@x.com`);

      const updated = await client.query(fql`User.byId(${id})!.update({ name: "Anna" })`);
      assert.equal(updated.data.name, "Anna");
      assert.ok(updated.txn_ts >= created.txn_ts);

      // A document read back can be passed as an argument (the driver sends it as a @ref).
      const viaRef = await client.query(fql`${read.data}.name`);
      assert.equal(viaRef.data, "Anna");

      await client.query(fql`User.byId(${id})!.delete()`);
      const gone = await client.query(fql`User.byId(${id})`);
      assert.ok(gone.data instanceof NullDocument);
      assert.ok(gone.data.ref instanceof DocumentReference);
    });

    test("index lookup", async () => {
      await client.query(fql`User.create({ email: ${`${tag}-find@x.com`}, name: "Found" })`);
      const r = await client.query(fql`User.byEmail(${`${tag}-find@x.com`}).first() { name, email }`);
      assert.deepEqual(r.data, { name: "Found", email: `${tag}-find@x.com` });
    });

    test("pagination through three pages with client.paginate and Set.paginate", async () => {
      await client.query(fql`Set.sequence(0, 8).forEach(i => Item.create({ group: ${tag}, n: i }))`);
      const pages = [];
      for await (const page of client.paginate(fql`Item.byGroup(${tag}).pageSize(3)`)) {
        pages.push(page.map((item) => item.n));
      }
      assert.deepEqual(pages, [[7, 6, 5], [4, 3, 2], [1, 0]]);

      const first = await client.query(fql`Item.byGroup(${tag}).map(.n).pageSize(3)`);
      const second = await client.query(fql`Set.paginate(${first.data.after}, 4)`);
      assert.deepEqual(second.data.data, [4, 3, 2, 1]);
    });

    test("abort carries its value", async () => {
      await assert.rejects(client.query(fql`abort({ code: "stale", n: 1 })`), (e) => {
        assert.ok(e instanceof AbortError);
        assert.equal(e.httpStatus, 400);
        assert.deepEqual(e.abort, { code: "stale", n: 1 });
        return true;
      });
    });

    test("constraint failure", async () => {
      await client.query(fql`User.create({ email: ${`${tag}-dup@x.com`} })`);
      await assert.rejects(client.query(fql`User.create({ email: ${`${tag}-dup@x.com`} })`), (e) => {
        assert.ok(e instanceof ConstraintFailureError);
        assert.deepEqual(e.constraint_failures[0].paths, [["email"]]);
        return true;
      });
    });

    test("invalid query and runtime errors", async () => {
      await assert.rejects(client.query(fql`let x = `), (e) => {
        assert.ok(e instanceof QueryCheckError);
        assert.equal(e.code, "invalid_query");
        assert.match(e.queryInfo.summary, /\*query\*:1:/);
        return true;
      });
      await assert.rejects(client.query(fql`User.byId("1")!`), (e) => {
        assert.ok(e instanceof QueryRuntimeError);
        assert.equal(e.code, "document_not_found");
        return true;
      });
    });

    test("401 for a wrong secret", async () => {
      const bad = name.startsWith("HTTP/2")
        ? new Client({ endpoint, secret: "wrong" })
        : new Client({ endpoint, secret: "wrong" }, new FetchClient({ url: endpoint.toString(), fetch_keepalive: false }));
      await assert.rejects(bad.query(fql`1`), (e) => {
        assert.ok(e instanceof AuthenticationError);
        assert.equal(e.httpStatus, 401);
        return true;
      });
      bad.close();
    });

    test("tagged types round trip", async () => {
      const value = {
        int: 7,
        long: 2 ** 40,
        double: 1.25,
        date: DateStub.from("2024-02-29"),
        time: TimeStub.from("2024-01-02T03:04:05.123456Z"),
        bytes: new Uint8Array([1, 2, 3, 250]),
        nested: { "@weird": { deeper: [1, "two", null, true] }, plain: "x" },
      };
      const r = await client.query(fql`${value}`, { long_type: "bigint" });
      assert.equal(r.data.int, 7);
      assert.equal(r.data.long, 2n ** 40n);
      assert.equal(r.data.double, 1.25);
      assert.ok(r.data.date instanceof DateStub);
      assert.equal(r.data.date.dateString, "2024-02-29");
      assert.equal(r.data.time.isoString, "2024-01-02T03:04:05.123456Z");
      assert.deepEqual([...r.data.bytes], [1, 2, 3, 250]);
      assert.deepEqual(r.data.nested, { "@weird": { deeper: [1, "two", null, true] }, plain: "x" });

      const computed = await client.query(fql`{ sum: ${value.int} + 1, big: ${2n ** 40n} * 2, half: ${value.double} / 5 }`);
      assert.deepEqual(computed.data, { sum: 8, big: 2 ** 41, half: 0.25 });
    });

    test("stats and query tags", async () => {
      const r = await client.query(fql`User.create({ email: ${`${tag}-stats@x.com`}, blob: ${"x".repeat(3000)} })`,
        { query_tags: { team: "ops", run: tag } });
      assert.equal(r.stats.write_ops, 4);
      assert.ok(r.stats.read_ops >= 0);
      assert.equal(r.stats.compute_ops, 1);
      assert.ok(r.stats.storage_bytes_write > 3000);
      assert.equal(r.stats.contention_retries, 0);
      assert.deepEqual(r.query_tags, { team: "ops", run: tag });
      assert.equal(typeof r.schema_version, "number");
    });
  });
}
