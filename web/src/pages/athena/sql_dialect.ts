// The editor's SQL dialect: Athena's engine speaks Trino SQL, which
// @codemirror/lang-sql has no dialect for, so this one names Trino's
// keywords, types and common functions. Colours come from CSS variables
// (--athena-sql-*) so that both themes read well.
import { SQLDialect } from "@codemirror/lang-sql";
import { HighlightStyle } from "@codemirror/language";
import { tags } from "@lezer/highlight";

const KEYWORDS =
  "add all alter analyze and any array as asc at between bucket by call cascade case cast catalogs column columns comment commit " +
  "create cross cube current current_date current_time current_timestamp current_user data database databases deallocate delete " +
  "desc describe distinct distributed drop else end escape except execute exists explain external extract false fetch filter first " +
  "following for format from full function functions grant grants group grouping having if ignore in inner insert intersect interval " +
  "into is join last lateral left like limit localtime localtimestamp location logical map matched merge msck natural next no not " +
  "null nulls offset on only optimize or order ordinality outer over partition partitioned partitions preceding prepare properties " +
  "range recursive rename repair replace right rollback rollup row rows schema schemas select serde serdeproperties session set sets " +
  "show some stored system table tables tablesample tblproperties then ties to true truncate type unbounded union unnest update " +
  "use using vacuum values verbose view views when where window with within zone";

const TYPES =
  "bigint binary boolean char date decimal double float int integer ipaddress json real smallint string struct time timestamp " +
  "tinyint uuid varbinary varchar";

const BUILTINS =
  "approx_distinct approx_percentile array_agg array_join avg cardinality coalesce concat contains count count_if date_add date_diff " +
  "date_format date_parse date_trunc day element_at from_iso8601_timestamp from_unixtime greatest hour if json_extract " +
  "json_extract_scalar least length lower max max_by min min_by month nullif regexp_extract regexp_like replace round split " +
  "split_part stddev strpos substr sum to_unixtime trim try try_cast upper year";

export const AthenaSQL = SQLDialect.define({ keywords: KEYWORDS, types: TYPES, builtin: BUILTINS });

export const sqlHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--athena-sql-keyword)", fontWeight: "600" },
  { tag: [tags.typeName, tags.standard(tags.name)], color: "var(--athena-sql-type)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--athena-sql-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--athena-sql-number)" },
  { tag: [tags.lineComment, tags.blockComment, tags.comment], color: "var(--fg-soft)", fontStyle: "italic" },
  { tag: [tags.operator, tags.punctuation], color: "var(--fg-soft)" },
]);
