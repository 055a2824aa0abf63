// Event streams and event feeds: the official `fauna` driver, unchanged, against FaunaLocal, over its default
// Node transport (HTTP/2 with prior knowledge) and over its FetchClient (HTTP/1.1, chunked).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  Client, FetchClient, fql, StreamToken, Page, Document,
  AbortError, AuthenticationError, InvalidRequestError, QueryRuntimeError,
} from "fauna";
import { startFaunaLocal } from "./faunalocal.mjs";

let server;
let endpoint;
let writer; // "another client": every write in these tests comes from here, never from the client that listens

before(async () => {
  ({ endpoint, process: server } = await startFaunaLocal());
  writer = new Client({ endpoint, secret: "secret" });
});

after(() => {
  writer?.close();
  server?.kill();
});

/** The next n data events (status events skipped unless asked for), or a failure after 15 s. */
async function take(stream, n) {
  const events = [];
  const timer = setTimeout(() => stream.close(), 15_000);
  try {
    for await (const event of stream) {
      events.push(event);
      if (events.length === n) break;
    }
  } finally {
    clearTimeout(timer);
  }
  assert.equal(events.length, n, `expected ${n} events, got ${JSON.stringify(events.map((e) => e.type))}`);
  return events;
}

/** The promise, or a failure once ms have passed (the timer never outlives it). */
async function within(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const transports = [
  ["HTTP/2 (default Node transport)", "h2", () => new Client({ endpoint, secret: "secret" })],
  ["HTTP/1.1 (FetchClient)", "h1", () => new Client({ endpoint, secret: "secret" }, new FetchClient({ url: endpoint.toString(), fetch_keepalive: false }))],
];

for (const [name, tag, makeClient] of transports) {
  describe(`streams and feeds over ${name}`, () => {
    let client;
    const coll = `Product_${tag}`;
    const collection = () => fql`${fql([coll])}`; // a collection name as FQL source
    before(async () => {
      client = makeClient();
      await writer.query(fql`Collection.create({ name: ${coll}, indexes: { byKind: { terms: [{ field: ".kind" }], values: [{ field: ".price" }] } } })`);
    });
    after(() => client.close());

    test("a stream sees another client's add, update and remove, in commit order", async () => {
      const { data: token } = await client.query(fql`${collection()}.all().eventSource()`);
      assert.ok(token instanceof StreamToken);
      const stream = client.stream(token);
      const created = await writer.query(fql`${collection()}.create({ kind: "lamp", price: 10 })`);
      const id = created.data.id;
      const updated = await writer.query(fql`${collection()}.byId(${id})!.update({ price: 12 })`);
      const second = await writer.query(fql`${collection()}.create({ kind: "desk", price: 99 })`);
      const removed = await writer.query(fql`${collection()}.byId(${id})!.delete()`);

      const events = await take(stream, 4);
      stream.close();
      assert.deepEqual(events.map((e) => e.type), ["add", "update", "add", "remove"]);
      assert.deepEqual(events.map((e) => e.txn_ts), [created.txn_ts, updated.txn_ts, second.txn_ts, removed.txn_ts]);
      assert.ok(events[0].data instanceof Document);
      assert.equal(events[0].data.price, 10);
      assert.equal(events[1].data.price, 12);
      assert.equal(events[2].data.kind, "desk");
      assert.equal(events[3].data.id, id); // a remove carries the document as it was
      assert.equal(events[3].data.price, 12);
      for (const e of events) {
        assert.equal(typeof e.cursor, "string");
        assert.equal(typeof e.stats.read_ops, "number");
      }
    });

    test("a filtered and projected stream on an index, from a query, with callbacks and close()", async () => {
      // The query runs when the stream starts; its first (status) event says it is listening.
      const stream = client.stream(fql`${collection()}.byKind("chair").where(.price > 50) { price }.eventSource()`, { status_events: true });
      const received = [];
      const errors = [];
      let listening;
      const ready = new Promise((resolve) => { listening = resolve; });
      const done = new Promise((resolve) => {
        stream.start((event) => {
          if (event.type === "status") return listening();
          received.push(event);
          if (received.length === 3) {
            stream.close();
            resolve();
          }
        }, (error) => {
          // Closing a FetchClient stream aborts its fetch, which the driver reports too: only earlier errors count.
          if (!stream.closed) errors.push(error);
          listening();
        });
      });
      await within(ready, 15_000);
      assert.deepEqual(errors, []);
      const cheap = await writer.query(fql`${collection()}.create({ kind: "chair", price: 20 })`);
      await writer.query(fql`${collection()}.create({ kind: "sofa", price: 500 })`);
      await writer.query(fql`${collection()}.byId(${cheap.data.id})!.update({ price: 80 })`);
      await writer.query(fql`${collection()}.byId(${cheap.data.id})!.update({ price: 90 })`);
      await writer.query(fql`${collection()}.byId(${cheap.data.id})!.update({ price: 30 })`);
      await within(done, 15_000);
      assert.deepEqual(received.map((e) => [e.type, e.data]), [["add", { price: 80 }], ["update", { price: 90 }], ["remove", { price: 90 }]]);
      assert.deepEqual(errors, []);
      assert.equal(stream.closed, true);
    });

    test("a stream resumes from its cursor after the client drops it", async () => {
      const { data: token } = await client.query(fql`${collection()}.byKind("vase").eventSource()`);
      const first = client.stream(token, { status_events: true });
      const iterator = first[Symbol.asyncIterator]();
      const status = (await iterator.next()).value;
      assert.equal(status.type, "status");
      await writer.query(fql`${collection()}.create({ kind: "vase", price: 1 })`);
      const a = (await iterator.next()).value;
      assert.equal(a.data.price, 1);
      first.close();

      // Written while nobody listens.
      await writer.query(fql`${collection()}.create({ kind: "vase", price: 2 })`);
      await writer.query(fql`${collection()}.create({ kind: "vase", price: 3 })`);
      const resumed = client.stream(token, { cursor: a.cursor });
      const events = await take(resumed, 2);
      resumed.close();
      assert.deepEqual(events.map((e) => e.data.price), [2, 3]);
    });

    test("a feed pages through three pages of events, and flatten() gives them all", async () => {
      const { data: token } = await client.query(fql`${collection()}.byKind("cup").eventSource()`);
      await writer.query(fql`Set.sequence(0, 7).forEach(i => ${collection()}.create({ kind: "cup", price: i }))`);
      const pages = [];
      for await (const page of client.feed(token, { page_size: 3 })) {
        pages.push({ prices: [...page.events].map((e) => e.data.price), hasNext: page.hasNext, cursor: page.cursor });
      }
      assert.deepEqual(pages.map((p) => p.prices), [[0, 1, 2], [3, 4, 5], [6]]);
      assert.deepEqual(pages.map((p) => p.hasNext), [true, true, false]);

      const all = [];
      for await (const event of client.feed(token, { page_size: 2 }).flatten()) all.push(event.data.price);
      assert.deepEqual(all, [0, 1, 2, 3, 4, 5, 6]);

      // The last page's cursor picks up only what comes after it.
      await writer.query(fql`${collection()}.create({ kind: "cup", price: 7 })`);
      const later = [];
      for await (const event of client.feed(token, { cursor: pages[2].cursor }).flatten()) later.push(event.data.price);
      assert.deepEqual(later, [7]);
    });

    test("a feed after a start time, and the { initialPage, eventSource } pattern", async () => {
      const start = await writer.query(fql`${collection()}.create({ kind: "pen", price: 1 })`);
      await writer.query(fql`${collection()}.create({ kind: "pen", price: 2 })`);
      const since = [];
      for await (const event of client.feed(fql`${collection()}.byKind("pen").eventSource()`, { start_ts: start.txn_ts }).flatten()) since.push(event.data.price);
      assert.deepEqual(since, [2]);

      const response = await client.query(fql`
        let set = ${collection()}.byKind("pen")
        { initialPage: set.pageSize(10), eventSource: set.eventSource() }`);
      const { initialPage, eventSource } = response.data;
      assert.ok(initialPage instanceof Page);
      assert.deepEqual(initialPage.data.map((d) => d.price), [1, 2]);
      await writer.query(fql`${collection()}.create({ kind: "pen", price: 3 })`);
      const changes = [];
      for await (const event of client.feed(eventSource).flatten()) changes.push([event.type, event.data.price]);
      assert.deepEqual(changes, [["add", 3]]);
    });

    test("errors come out as the driver's error classes", async () => {
      await assert.rejects(take(client.stream(new StreamToken("2")), 1), InvalidRequestError);
      const viaCallback = await new Promise((resolve) => client.stream(new StreamToken("2")).start(() => {}, resolve));
      assert.ok(viaCallback instanceof InvalidRequestError);
      await assert.rejects(async () => { for await (const _ of client.feed(new StreamToken("2")).flatten()); }, InvalidRequestError);

      const stranger = name.startsWith("HTTP/2")
        ? new Client({ endpoint, secret: "wrong" })
        : new Client({ endpoint, secret: "wrong" }, new FetchClient({ url: endpoint.toString(), fetch_keepalive: false }));
      const { data: token } = await client.query(fql`${collection()}.all().eventSource()`);
      await assert.rejects(take(stranger.stream(token), 1), AuthenticationError);
      stranger.close();

      const { data: failing } = await client.query(fql`${collection()}.byKind("bomb").map(d => abort("oops")).eventSource()`);
      const stream = client.stream(failing);
      await writer.query(fql`${collection()}.create({ kind: "bomb", price: 0 })`);
      await assert.rejects(take(stream, 1), (e) => {
        assert.ok(e instanceof AbortError);
        assert.equal(e.abort, "oops");
        assert.equal(e.httpStatus, undefined);
        return true;
      });
      await assert.rejects(async () => { for await (const _ of client.feed(failing).flatten()); }, AbortError);

      const { data: broken } = await client.query(fql`${collection()}.byKind("bomb").map(d => d.price / 0).eventSource()`);
      await writer.query(fql`${collection()}.create({ kind: "bomb", price: 1 })`);
      await assert.rejects(async () => { for await (const _ of client.feed(broken).flatten()); }, QueryRuntimeError);
    });
  });
}
