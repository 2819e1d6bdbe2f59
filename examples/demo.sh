#!/usr/bin/env bash
# The batch ETL pipeline end to end, as its author runs it on AWS: starts stratus
# on a temporary data dir, deploys the MySQL template (an Aurora MySQL cluster,
# served by a real MariaDB), deploys the pipeline template with deploy.sh, runs
# the state machine three times (create, merge, merge after new transactions in
# MySQL), prints the Iceberg table and its chart, puts its dashboard into the web
# console, and keeps serving it until Ctrl-C when run from a terminal
# (STRATUS_DEMO_KEEP=1 always keeps serving, =0 never).
set -euo pipefail
BIN="$(cd "$(dirname "${1:-build/release/stratus}")" && pwd)/$(basename "${1:-build/release/stratus}")"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="$(mktemp -d /tmp/stratus-demo.XXXXXX)"
PORT="${STRATUS_DEMO_PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')}"
ENDPOINT="http://localhost:$PORT"
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
AWS=(aws --endpoint-url "$ENDPOINT" --output json)
LAKE=datalake.staging.liveproject
MACHINE=ETL-StateMachine-mysql-connector-staging
MACHINE_ARN="arn:aws:states:us-east-1:000000000000:stateMachine:$MACHINE"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "aws ${*}"; "${AWS[@]}" "$@"; }
say() { printf '\033[2m(%s)\033[0m\n' "$*"; }

"$BIN" serve --port "$PORT" --data-dir "$DATA/server" --log-level warn &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 200); do
  curl -fs "$ENDPOINT/_stratus/health" >/dev/null 2>&1 && break
  sleep 0.05
done
echo "stratus is serving on $ENDPOINT (state in $DATA/server)"

# The pipeline's folder as its author has it; deploy.sh packages from here.
WORK="$DATA/stack"
cp -r "$HERE/batch-etl" "$WORK"

echo; echo "== 1. The source database: cfn_mysql.yaml (an Aurora MySQL cluster) =="
run cloudformation deploy --template-file "$WORK/cfn_mysql.yaml" --stack-name MySQLDB --capabilities CAPABILITY_IAM
run cloudformation describe-stack-resources --stack-name MySQLDB \
  --query 'StackResources[].[LogicalResourceId, ResourceType, ResourceStatus]' --output table
run rds describe-db-instances --db-instance-identifier mymysqldb \
  --query 'DBInstances[0].{Id: DBInstanceIdentifier, Engine: Engine, Status: DBInstanceStatus, Endpoint: Endpoint}'
DB_PORT="$("${AWS[@]}" rds describe-db-instances --db-instance-identifier mymysqldb \
  --query 'DBInstances[0].Endpoint.Port' --output text)"
if [ "$DB_PORT" != 3306 ]; then
  say "port 3306 is taken on this machine: the instance listens on $DB_PORT, and the connector's config says so"
  printf '  rds_port: %s\n' "$DB_PORT" >> "$WORK/mysql_connector/config/staging.yaml"
fi
MYSQL=(mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$DB_PORT" -u root -pAmazingPassword)

echo; echo "== 2. The lake, the Lambda package and the pipeline: deploy.sh (stack.yaml) =="
run s3 mb "s3://$LAKE"
step "./deploy.sh   # packages mysql_connector with pymysql, pytz and yaml, uploads it, deploys stack.yaml"
(cd "$WORK" && ENDPOINT="$ENDPOINT" ./deploy.sh)
run cloudformation describe-stack-resources --stack-name BatchETLpipeline \
  --query 'StackResources[].[LogicalResourceId, ResourceType, ResourceStatus]' --output table
run lambda list-functions --query 'Functions[].[FunctionName, Runtime, Handler]' --output table

etl_run() {  # etl_run NAME: one run of the pipeline, each state as it goes
  step "aws stepfunctions start-execution --state-machine-arn $MACHINE_ARN --name $1"
  "${AWS[@]}" stepfunctions start-execution --state-machine-arn "$MACHINE_ARN" --name "$1" >/dev/null
  local arn="arn:aws:states:us-east-1:000000000000:execution:$MACHINE:$1" seen=0 status=RUNNING history
  while :; do
    status="$("${AWS[@]}" stepfunctions describe-execution --execution-arn "$arn" --query status --output text)"
    history="$("${AWS[@]}" stepfunctions get-execution-history --execution-arn "$arn" \
      --query 'events[?stateEnteredEventDetails || stateExitedEventDetails].[type, stateEnteredEventDetails.name || stateExitedEventDetails.name]' \
      --output text)"
    printf '%s\n' "$history" | tail -n +"$((seen + 1))" | while IFS=$'\t' read -r type name; do
      case "$type" in *Entered) printf '  -> %s\n' "$name" ;; *Exited) printf '  <- %s\n' "$name" ;; esac
    done
    seen="$(printf '%s\n' "$history" | grep -c . || true)"
    [ "$status" != RUNNING ] && break
    sleep 0.2
  done
  echo "  execution $1: $status"
  if [ "$status" != SUCCEEDED ]; then
    "${AWS[@]}" stepfunctions describe-execution --execution-arn "$arn" --query '{error: error, cause: cause}'
    exit 1
  fi
}
sql() { "$BIN" sql --endpoint-url "$ENDPOINT" --database mydatabase --output-location "s3://your.datalake.aws/athena/" "$@"; }
report() {
  step "stratus sql -c \"SELECT * FROM mydatabase.user_transactions ORDER BY dt, user_id\""
  sql -c "SELECT dt, user_id, total_cost_usd, registration_date FROM mydatabase.user_transactions ORDER BY dt, user_id;"
  sql --format csv -c "SELECT dt, user_id, total_cost_usd FROM mydatabase.user_transactions ORDER BY dt, user_id;" |
    python3 "$HERE/batch-etl/chart.py"
}

echo; echo "== 3. The pipeline: HelloWorld -> Extract from MySQL -> Athena -> Iceberg =="
etl_run first-run
say "no tables yet: the Choice took the branch that creates the external tables and the Iceberg table"
run s3 ls "s3://$LAKE/data/myschema/" --recursive
etl_run second-run
say "the tables exist: the Map's Choice ran MERGE INTO user_transactions"
report
etl_run third-run
say "the same data again: the MERGE changed nothing and duplicated nothing"
report

echo; echo "== 4. New transactions land in MySQL =="
step "mariadb -h 127.0.0.1 -P $DB_PORT -u root -p... -e \"INSERT INTO myschema.transactions ...\""
"${MYSQL[@]}" -e "INSERT INTO myschema.transactions VALUES
  (8, 2, 20.00, CURRENT_DATE()), (9, 3, 7.50, DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY));
  SELECT * FROM myschema.transactions ORDER BY transaction_id;"
etl_run fourth-run
say "only the (dt, user_id) rows the new transactions touch changed; user 3 has no users row"
report
step "stratus sql -c 'SELECT committed_at, snapshot_id, operation FROM \"user_transactions\$snapshots\"'"
sql -c 'SELECT committed_at, snapshot_id, operation FROM "mydatabase"."user_transactions$snapshots" ORDER BY committed_at;'

echo; echo "== 5. A dashboard of the Iceberg table in the web console =="
DASHBOARD_URL="http://127.0.0.1:$PORT/_stratus/ui/#/dashboards/batch-etl"
DASHBOARD='{"name": "Batch ETL: user transactions", "charts": [{
  "title": "total_cost_usd by dt, split by user_id", "database": "mydatabase",
  "query": "SELECT dt, user_id, total_cost_usd FROM mydatabase.user_transactions ORDER BY dt, user_id",
  "spec": {"kind": "bar", "dimension": "dt", "metric": "total_cost_usd", "split": "user_id"}}]}'
step "curl -X PUT $ENDPOINT/_stratus/dashboards/batch-etl -d '{\"name\": \"Batch ETL: user transactions\", \"charts\": [...]}'"
curl -fsS -X PUT "$ENDPOINT/_stratus/dashboards/batch-etl" -H 'Content-Type: application/json' --data "$DASHBOARD" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print("  dashboard %s: %r, %d chart(s)" % (d["id"], d["name"], len(d["charts"])))'
say "it reruns its query through Athena when it opens, and by itself when the table gets a new snapshot"

cat <<EOT

Done. stratus runs on $ENDPOINT with its state in $DATA (removed when the demo ends).
The web console: http://127.0.0.1:$PORT/_stratus/ui/
The dashboard:   $DASHBOARD_URL
To look around yourself:
  $BIN serve                                   (state in ./.stratus, port 4566)
  cd examples/batch-etl && aws --endpoint-url http://localhost:4566 cloudformation deploy \\
      --template-file cfn_mysql.yaml --stack-name MySQLDB --capabilities CAPABILITY_IAM
  aws --endpoint-url http://localhost:4566 s3 mb s3://$LAKE && ./deploy.sh
  aws --endpoint-url http://localhost:4566 stepfunctions start-execution --state-machine-arn $MACHINE_ARN
  aws --endpoint-url http://localhost:4566 stepfunctions get-execution-history --execution-arn ...
  aws --endpoint-url http://localhost:4566 cloudformation describe-stack-events --stack-name BatchETLpipeline
  aws --endpoint-url http://localhost:4566 logs filter-log-events --log-group-name /aws/lambda/mysql-connector-staging
  $BIN sql -c 'SELECT * FROM mydatabase.user_transactions'
  mariadb --protocol=TCP -h 127.0.0.1 -P 3306 -u root -pAmazingPassword myschema
The walk-through, step by step: examples/batch-etl/README.md. The services one by one: examples/tour.sh.
EOT
KEEP="${STRATUS_DEMO_KEEP:-}"
if [ -z "$KEEP" ]; then [ -t 0 ] && [ -t 1 ] && KEEP=1 || KEEP=0; fi
if [ "$KEEP" = 1 ]; then
  echo; echo "stratus keeps serving on $ENDPOINT: open $DASHBOARD_URL (Ctrl-C stops it and removes $DATA)"
  wait "$PID" || true
fi
