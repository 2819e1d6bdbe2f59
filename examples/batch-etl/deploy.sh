#!/usr/bin/env bash
# Deploys the batch ETL pipeline stack: the pipeline author's deploy script, run
# from examples/batch-etl/. Two changes from the AWS original: every aws call
# goes to the local endpoint (ENDPOINT, default http://localhost:4566), and the
# package's Python modules come from Debian's python3-pymysql, python3-tz and
# python3-yaml instead of pip (set PIP_INSTALL=1 to use pip as on AWS).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ENDPOINT=${ENDPOINT:-http://localhost:4566}
STACK_NAME=${STACK_NAME:-BatchETLpipeline}
LAMBDA_BUCKET=${LAMBDA_BUCKET:-your.datalake.aws} # The bucket that keeps the Lambda packages.
APP_FOLDER=mysql_connector
AWS=(aws --endpoint-url "$ENDPOINT")

date

TIME=$(date +"%Y%m%d%H%M%S")

base=stack
zp=$base".zip"
echo $zp

rm -rf "$zp" package
mkdir -p package
if [ "${PIP_INSTALL:-0}" = 1 ]; then
  pip install --target ./package -r requirements.txt
else
  for module in pymysql pytz yaml; do
    cp -r "/usr/lib/python3/dist-packages/$module" package/
  done
fi

(cd package && zip -qr "../$zp" .)

zip -qr "$zp" "./${APP_FOLDER}" -x '*__pycache__*'
rm -rf package

# Check if Lambda bucket exists; if not, create it:
if ! "${AWS[@]}" s3 ls "s3://${LAMBDA_BUCKET}" >/dev/null 2>&1; then
  echo "Creating Lambda code bucket ${LAMBDA_BUCKET}"
  "${AWS[@]}" s3 mb "s3://${LAMBDA_BUCKET}" --output text
fi

# Upload the package to S3:
"${AWS[@]}" s3 cp "./${zp}" "s3://${LAMBDA_BUCKET}/${APP_FOLDER}/${base}${TIME}.zip"

"${AWS[@]}" cloudformation deploy \
  --template-file stack.yaml \
  --stack-name "$STACK_NAME" \
  --capabilities CAPABILITY_IAM \
  --parameter-overrides \
  "StackPackageS3Key"="${APP_FOLDER}/${base}${TIME}.zip" \
  "AppFolder"=$APP_FOLDER \
  "S3LambdaBucket"=$LAMBDA_BUCKET \
  "Environment"="staging" \
  "Testing"="false"
