-- s3.db schema version 1 as version 1 of s3::Engine writes it: a versioned bucket
-- with two versions of an inline object (metadata, tags), a blob object with a CRC32,
-- a delete marker over a version, a multipart object, an upload in progress, a CORS
-- configuration and the lifecycle timer. Its blobs are in s3_v1_blobs/. Loaded by
-- engine_test.cc; never edit it to follow a newer schema (add s3_v2.sql instead).
-- See docs/formats/s3.md.
PRAGMA user_version = 1;
CREATE TABLE buckets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  region TEXT NOT NULL,
  owner_account TEXT NOT NULL,
  created_millis INTEGER NOT NULL,
  versioning INTEGER NOT NULL,
  object_lock INTEGER NOT NULL
);
INSERT INTO buckets VALUES(1,'fixture','us-east-1','000000000000',1796619374416,1,0);
CREATE TABLE bucket_configs (
  bucket_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  config_id TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (bucket_id, kind, config_id)
) WITHOUT ROWID;
INSERT INTO bucket_configs VALUES(1,'cors','','{"CORSRules":[{"AllowedMethods":["GET"],"AllowedOrigins":["*"]}]}');
INSERT INTO bucket_configs VALUES(1,'ownership','','{"Rules":[{"ObjectOwnership":"BucketOwnerEnforced"}]}');
INSERT INTO bucket_configs VALUES(1,'public-access-block','','{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}');
CREATE TABLE objects (
  seq INTEGER PRIMARY KEY,
  bucket_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  version_id TEXT NOT NULL,
  latest INTEGER NOT NULL,
  delete_marker INTEGER NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  modified_millis INTEGER NOT NULL,
  attributes BLOB NOT NULL,
  storage BLOB NOT NULL
);
INSERT INTO objects VALUES(1,1,'inline.txt','USFe9AKVy.Js.BXIBN_OtbqgGcfQjkgd',0,0,16,'"fd06a32905afdee7dc0ebd91d16a9657"',1796619374000,X'01020b436f6e74656e74547970650a746578742f706c61696e1453657276657253696465456e6372797074696f6e0641455332353601056f776e65720964617461207465616d0103656e760773746167696e6705435243333208516b754742413d3d0b46554c4c5f4f424a454354',X'01010000');
INSERT INTO objects VALUES(2,1,'inline.txt','1Cv4TJBpbVkTzMWbf6xQJHauLzNXnwNj',1,0,14,'"f084be37ed84e9d0d2a02d4d4be59745"',1796619374000,X'01020b436f6e74656e74547970650a746578742f706c61696e1453657276657253696465456e6372797074696f6e06414553323536000005435243333208335337516b673d3d0b46554c4c5f4f424a454354',X'01010000');
INSERT INTO objects VALUES(3,1,'blob.bin','wCP5ujTs94cwO1PXsRDFFfJ.wLES5ck0',1,0,76800,'"97ab7d414a0df5138afc887ee74a0aff"',1796619374000,X'01011453657276657253696465456e6372797074696f6e0641455332353600000543524333320875357a3546673d3d0b46554c4c5f4f424a454354',X'01000120363466623561346665343331346534363332353264616463646564316334313080d80400');
INSERT INTO objects VALUES(4,1,'deleted.txt','vt4A7AlCzHLP.clsgRcu7r0RtM7eDIaG',0,0,4,'"50c1f58be7f5e47e0f53d64c094783c2"',1796619374000,X'01011453657276657253696465456e6372797074696f6e064145533235360000054352433332084170685052513d3d0b46554c4c5f4f424a454354',X'01010000');
INSERT INTO objects VALUES(5,1,'deleted.txt','2Bb_ySH4UDyPDmDGksYEJRhhe.rq_9HA',1,1,0,'',1796619374000,X'01000000000000',X'01000000');
INSERT INTO objects VALUES(6,1,'multi.bin','GHnO8yxRdh6iiU8TlrDE_TvwKwyO65mt',1,0,70000,'"39dfc38e419dbb1c9fbe4500106355d9-1"',1796619374000,X'01011453657276657253696465456e6372797074696f6e0641455332353600000543524333320a6338323270513d3d2d3109434f4d504f53495445',X'010001206661313930616632356630653064326437383461306363663361376661323435f0a2040101f0a20408787466306e413d3d');
CREATE TABLE inline_data (
  seq INTEGER PRIMARY KEY,
  bytes BLOB NOT NULL
);
INSERT INTO inline_data VALUES(1,X'736d616c6c20616e6420696e6c696e65');
INSERT INTO inline_data VALUES(2,X'7365636f6e642076657273696f6e');
INSERT INTO inline_data VALUES(4,X'676f6e65');
CREATE TABLE uploads (
  upload_id TEXT PRIMARY KEY,
  bucket_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  initiated_millis INTEGER NOT NULL,
  attributes BLOB NOT NULL
);
INSERT INTO uploads VALUES('7e8c6566a93ecd83d60f48a020b57bac76a2ba7f14584c9ef58b308e668d921b',1,'pending.bin',1796619374000,X'01011453657276657253696465456e6372797074696f6e064145533235360000000000');
CREATE TABLE parts (
  upload_id TEXT NOT NULL,
  part_number INTEGER NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  modified_millis INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  checksum TEXT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;
INSERT INTO parts VALUES('7e8c6566a93ecd83d60f48a020b57bac76a2ba7f14584c9ef58b308e668d921b',1,1000,'"44f71cf7cf06aa4eadd2e3f8b96c1f5a"',1796619374000,'d702adf16a49b0013cc399e18a8518f9','5B93xg==');
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  bucket TEXT NOT NULL,
  destination TEXT NOT NULL,
  configuration_id TEXT NOT NULL,
  event_name TEXT NOT NULL,
  key TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  version_id TEXT NOT NULL,
  sequencer TEXT NOT NULL,
  event_millis INTEGER NOT NULL
);
CREATE TABLE stratus_timers_v1(  id TEXT PRIMARY KEY NOT NULL,  owner TEXT NOT NULL,  due_millis INTEGER NOT NULL,  payload TEXT NOT NULL,  generation INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO stratus_timers_v1 VALUES('s3-lifecycle-daily','s3-lifecycle',1796688000000,'',1);
CREATE UNIQUE INDEX objects_by_key ON objects (bucket_id, key, seq DESC);
CREATE INDEX objects_current ON objects (bucket_id, key) WHERE latest = 1 AND delete_marker = 0;
CREATE INDEX uploads_by_key ON uploads (bucket_id, key, initiated_millis, upload_id);
