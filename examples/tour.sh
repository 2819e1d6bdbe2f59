#!/usr/bin/env bash
# A guided tour of the services one by one (SQS, S3, Athena, Step Functions): starts stratus on a temporary data dir,
# drives it with the AWS CLI exactly as a user would, then stops it.
set -euo pipefail
BIN="${1:-build/release/stratus}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ETL="$HERE/batch-etl"
DATA="$(mktemp -d /tmp/stratus-demo.XXXXXX)"
PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
ENDPOINT="http://localhost:$PORT"
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
AWS=(aws --endpoint-url "$ENDPOINT" --output json)

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "aws ${*}"; "${AWS[@]}" "$@"; }

"$BIN" serve --port "$PORT" --data-dir "$DATA" --log-level warn --sfn-mock-config "$ETL/mocks.json" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 100); do
  curl -fs "$ENDPOINT/_stratus/health" >/dev/null 2>&1 && break
  sleep 0.05
done
step "curl $ENDPOINT/_stratus/health"; curl -s "$ENDPOINT/_stratus/health"; echo

echo; echo "== SQS round trip =="
run sqs create-queue --queue-name orders-dlq
DLQ_URL="$ENDPOINT/000000000000/orders-dlq"
DLQ_ARN="$("${AWS[@]}" sqs get-queue-attributes --queue-url "$DLQ_URL" --attribute-names QueueArn --query Attributes.QueueArn --output text)"
run sqs create-queue --queue-name orders --attributes "{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"$DLQ_ARN\\\",\\\"maxReceiveCount\\\":\\\"2\\\"}\"}"
URL="$ENDPOINT/000000000000/orders"
run sqs send-message --queue-url "$URL" --message-body '{"order": 1, "sku": "A-17"}' \
  --message-attributes '{"source":{"DataType":"String","StringValue":"demo"}}'
run sqs receive-message --queue-url "$URL" --message-attribute-names All --attribute-names All --visibility-timeout 0
"${AWS[@]}" sqs receive-message --queue-url "$URL" --visibility-timeout 0 >/dev/null
echo "(received twice without deleting: maxReceiveCount=2 is reached)"

echo; echo "== Dead-letter queue and redrive =="
run sqs receive-message --queue-url "$URL" --wait-time-seconds 1
echo "(the third receive moved the message to the dead-letter queue)"
run sqs get-queue-attributes --queue-url "$DLQ_URL" --attribute-names ApproximateNumberOfMessages
run sqs list-dead-letter-source-queues --queue-url "$DLQ_URL"
run sqs start-message-move-task --source-arn "$DLQ_ARN"
sleep 0.5
run sqs get-queue-attributes --queue-url "$URL" --attribute-names ApproximateNumberOfMessages
HANDLE="$("${AWS[@]}" sqs receive-message --queue-url "$URL" --query 'Messages[0].ReceiptHandle' --output text)"
run sqs delete-message --queue-url "$URL" --receipt-handle "$HANDLE"
run sqs list-queues

echo; echo "== S3: the batch ETL's data lake =="
LAKE=datalake.staging.liveproject
run s3 mb "s3://$LAKE"
run sqs create-queue --queue-name lake-events
EVENTS_URL="$ENDPOINT/000000000000/lake-events"
run s3api put-bucket-notification-configuration --bucket "$LAKE" --notification-configuration \
  '{"QueueConfigurations":[{"Id":"new-csv","QueueArn":"arn:aws:sqs:us-east-1:000000000000:lake-events",
    "Events":["s3:ObjectCreated:*"],"Filter":{"Key":{"FilterRules":[{"Name":"suffix","Value":".csv"}]}}}]}'
CSV="$DATA/csv"
mkdir -p "$CSV/users" "$CSV/transactions"
printf '1,2026-11-01\n2,2026-11-15\n3,2026-11-20\n' > "$CSV/users/users.csv"
printf '100,1,12.5,2026-11-22\n101,2,3.25,2026-11-22\n102,1,7.0,2026-11-23\n103,4,1.0,2026-11-23\n' \
  > "$CSV/transactions/transactions.csv"
step "aws s3 sync $CSV s3://$LAKE/data/myschema/"
"${AWS[@]}" s3 sync "$CSV" "s3://$LAKE/data/myschema/" --only-show-errors
run s3 ls "s3://$LAKE/data/" --recursive
step "aws s3 cp s3://$LAKE/data/myschema/transactions/transactions.csv -"
"${AWS[@]}" s3 cp "s3://$LAKE/data/myschema/transactions/transactions.csv" -
URL_PRESIGNED="$("${AWS[@]}" s3 presign "s3://$LAKE/data/myschema/users/users.csv" --expires-in 300)"
step "curl \"\$(aws s3 presign s3://$LAKE/data/myschema/users/users.csv)\"   # no SDK, no credentials"
curl -s "$URL_PRESIGNED"
step "aws sqs receive-message --queue-url $EVENTS_URL (the lake told the queue)"
"${AWS[@]}" sqs receive-message --queue-url "$EVENTS_URL" --max-number-of-messages 10 --wait-time-seconds 1 \
  --query 'Messages[].Body' --output text | python3 -c '
import json, sys
for line in sys.stdin.read().split("\t"):
    body = json.loads(line)
    for record in body.get("Records", []):
        print(record["eventName"], record["s3"]["object"]["key"], record["s3"]["object"]["size"])
    if "Event" in body:
        print(body["Event"])'
echo "(a 40 MiB file goes up in parts, streamed; it comes back byte for byte)"
head -c 41943040 /dev/urandom > "$DATA/big.bin"
step "aws s3 cp $DATA/big.bin s3://$LAKE/raw/big.bin"
"${AWS[@]}" s3 cp "$DATA/big.bin" "s3://$LAKE/raw/big.bin" --only-show-errors
"${AWS[@]}" s3 cp "s3://$LAKE/raw/big.bin" "$DATA/big.copy" --only-show-errors
cmp "$DATA/big.bin" "$DATA/big.copy" && echo "big.bin: identical after the round trip"
run s3api head-object --bucket "$LAKE" --key raw/big.bin --query '{ETag: ETag, Size: ContentLength}'

echo; echo "== Athena over the lake: the batch ETL's SQL, as written =="
athena() {  # athena SQL: runs one statement, waits for it, prints its rows as a table
  step "aws athena start-query-execution --query-string \"$1\""
  local id state
  id="$("${AWS[@]}" athena start-query-execution --query-string "$1" --work-group primary \
        --result-configuration "OutputLocation=s3://$LAKE/athena/" --query QueryExecutionId --output text)"
  for _ in $(seq 200); do
    state="$("${AWS[@]}" athena get-query-execution --query-execution-id "$id" \
             --query QueryExecution.Status.State --output text)"
    case "$state" in SUCCEEDED|FAILED|CANCELLED) break ;; esac
    sleep 0.05
  done
  if [ "$state" != SUCCEEDED ]; then
    "${AWS[@]}" athena get-query-execution --query-execution-id "$id" \
      --query QueryExecution.Status.StateChangeReason --output text
    return 0
  fi
  "${AWS[@]}" athena get-query-results --query-execution-id "$id" --query 'ResultSet.Rows' |
    python3 -c '
import json, sys
rows = json.load(sys.stdin)
for row in rows:
    print("  " + " | ".join(d.get("VarCharValue", "NULL") for d in row["Data"]))
if not rows:
    print("  (no rows)")'
}
athena "CREATE DATABASE IF NOT EXISTS mydatabase"
athena "SHOW TABLES IN mydatabase"
echo "(no tables yet: the state machine's Choice reads Rows[0] of this result to decide)"
athena "CREATE EXTERNAL TABLE mydatabase.users (id bigint, registration_date string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION 's3://$LAKE/data/myschema/users/' TBLPROPERTIES ('skip.header.line.count'='0')"
athena "CREATE EXTERNAL TABLE mydatabase.transactions (transaction_id bigint, user_id bigint, total_cost double, dt string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION 's3://$LAKE/data/myschema/transactions/' TBLPROPERTIES ('skip.header.line.count'='0')"
athena "SHOW TABLES IN mydatabase"
step "$BIN sql --endpoint-url $ENDPOINT --database mydatabase -c \"SELECT date(dt) dt, user_id, sum(total_cost) total_cost_usd, registration_date FROM ...\""
"$BIN" sql --endpoint-url "$ENDPOINT" --database mydatabase --output-location "s3://$LAKE/athena/" -c \
  "SELECT date(dt) dt, user_id, sum(total_cost) total_cost_usd, registration_date
     FROM mydatabase.transactions LEFT JOIN mydatabase.users ON users.id = transactions.user_id
    GROUP BY dt, user_id, registration_date ORDER BY dt, user_id;"
echo "(user 4 has no users row: the LEFT JOIN keeps it with a NULL registration_date)"
run glue get-table --database-name mydatabase --name transactions \
  --query 'Table.StorageDescriptor.{Location: Location, SerDe: SerdeInfo.SerializationLibrary, Parameters: SerdeInfo.Parameters}'

echo; echo "== The batch ETL: its state machine runs the Athena statements and MERGEs into Iceberg =="
echo "(the pipeline creates its own tables: the ones above go first)"
athena "DROP DATABASE mydatabase CASCADE"
run s3 mb s3://your.datalake.aws
MACHINE=ETL-StateMachine-mysql-connector-staging
run stepfunctions create-state-machine --name "$MACHINE" \
  --definition "file://$ETL/state-machine.asl.json" --role-arn arn:aws:iam::000000000000:role/etl
MACHINE_ARN="arn:aws:states:us-east-1:000000000000:stateMachine:$MACHINE"
etl_run() {  # etl_run NAME: one run of the pipeline (Lambda tasks mocked: #LakeRun), states as they go
  step "aws stepfunctions start-execution --state-machine-arn '$MACHINE_ARN#LakeRun' --name $1"
  "${AWS[@]}" stepfunctions start-execution --state-machine-arn "$MACHINE_ARN#LakeRun" --name "$1" >/dev/null
  local arn="arn:aws:states:us-east-1:000000000000:execution:$MACHINE:$1" seen=0 status=RUNNING
  while :; do
    status="$("${AWS[@]}" stepfunctions describe-execution --execution-arn "$arn" --query status --output text)"
    "${AWS[@]}" stepfunctions get-execution-history --execution-arn "$arn" \
      --query 'events[?stateEnteredEventDetails || stateExitedEventDetails].[type, stateEnteredEventDetails.name || stateExitedEventDetails.name]' \
      --output text | tail -n +"$((seen + 1))" | while IFS=$'\t' read -r type name; do
        case "$type" in *Entered) printf '  -> %s\n' "$name" ;; *Exited) printf '  <- %s\n' "$name" ;; esac
      done
    seen="$("${AWS[@]}" stepfunctions get-execution-history --execution-arn "$arn" \
      --query 'length(events[?stateEnteredEventDetails || stateExitedEventDetails])' --output text)"
    [ "$status" != RUNNING ] && break
    sleep 0.2
  done
  echo "  execution $1: $status"
}
report() {
  "$BIN" sql --endpoint-url "$ENDPOINT" --database mydatabase --output-location "s3://$LAKE/athena/" -c \
    "SELECT dt, user_id, total_cost_usd, registration_date FROM mydatabase.user_transactions ORDER BY dt, user_id;"
}
etl_run first-run
echo "(no tables yet: the Choice took the branch that creates them, the Iceberg table included)"
etl_run second-run
echo "(the tables exist: the Map's Choice ran the MERGE INTO user_transactions)"
step "$BIN sql -c \"SELECT * FROM mydatabase.user_transactions ORDER BY dt, user_id\""
report
etl_run third-run
echo "(the same MERGE again: nothing is duplicated)"
report
printf '104,2,5.0,2026-11-23\n105,3,9.5,2026-11-24\n' > "$CSV/transactions/more.csv"
step "aws s3 cp more.csv s3://$LAKE/data/myschema/transactions/   # new transactions land"
"${AWS[@]}" s3 cp "$CSV/transactions/more.csv" "s3://$LAKE/data/myschema/transactions/more.csv" --only-show-errors
etl_run fourth-run
echo "(only the (dt, user_id) rows the new transactions touch changed)"
report
step "$BIN sql -c 'SELECT snapshot_id, operation FROM \"user_transactions\$snapshots\"'"
"$BIN" sql --endpoint-url "$ENDPOINT" --database mydatabase --output-location "s3://$LAKE/athena/" -c \
  'SELECT committed_at, snapshot_id, operation FROM "mydatabase"."user_transactions$snapshots" ORDER BY committed_at;'
run glue get-table --database-name mydatabase --name user_transactions \
  --query 'Table.Parameters.{table_type: table_type, metadata_location: metadata_location}'
run s3 ls "s3://$LAKE/data/myschema/optimized-data-iceberg-parquet/" --recursive

echo; echo "== The state machine from its file, every task mocked =="
step "$BIN sfn run $ETL/state-machine.asl.json --name $MACHINE --mock-config $ETL/mocks.json --test-case FirstRun"
"$BIN" sfn run "$ETL/state-machine.asl.json" --name "$MACHINE" --mock-config "$ETL/mocks.json" \
  --test-case FirstRun

cat <<EOT

Done. stratus ran on $ENDPOINT with its state in $DATA (removed now).
Run your own:  $BIN serve          (state in ./.stratus, port 4566)
Then:          aws --endpoint-url http://localhost:4566 sqs list-queues
               aws --endpoint-url http://localhost:4566 s3 ls
               aws --endpoint-url http://localhost:4566 stepfunctions list-state-machines
               $BIN sql                       (interactive SQL through Athena; \\dt, \\d TABLE, \\q)
               python3 -c "import boto3; print(boto3.client('sqs', endpoint_url='http://localhost:4566',
                 region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x').list_queues())"
               $BIN sql -c 'SELECT * FROM mydatabase.user_transactions'   (after a pipeline run)
The batch ETL state machine and its mocks: $ETL (README.md there).
EOT
