#!/usr/bin/env bash
# Refreshes test/vendor/cloudformation-resource-schemas/ from CloudFormation's published resource
# provider schemas (us-east-1), for the resource types already vendored there. Maintainers only: the
# build and the tests never download anything.
#   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/resource-type-schemas.html
# Afterwards: review `git diff`, run `npm test`, and update the date in the folder's README.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=test/vendor/cloudformation-resource-schemas
url=${SCHEMA_URL:-https://schema.cloudformation.us-east-1.amazonaws.com/CloudformationSchema.zip}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl --fail --silent --show-error --location --max-time 120 -o "$tmp/schemas.zip" "$url"
unzip -q "$tmp/schemas.zip" -d "$tmp/all"
for file in "$dir"/AWS_*.json; do
  name=$(basename "$file" .json)                                  # AWS_Lambda_Function
  published=$(echo "$name" | tr '[:upper:]' '[:lower:]' | tr '_' '-').json   # aws-lambda-function.json
  if [ ! -f "$tmp/all/$published" ]; then
    echo "refresh-cfn-schemas: $published is not in $url; $file left as it is" >&2
    continue
  fi
  cp "$tmp/all/$published" "$file"
done
echo "Refreshed $(ls "$dir"/AWS_*.json | wc -l) schemas from $url. Review git diff, then run npm test."
