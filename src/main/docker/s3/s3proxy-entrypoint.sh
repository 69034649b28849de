#!/usr/bin/env bash
# Writes S3Proxy's properties from the environment and runs it in the foreground.
#   S3_ACCESS_KEY, S3_SECRET_KEY  the only accepted identity/credential (required)
#   S3_PORT                       listening port on 0.0.0.0 (default 8080)
#   S3_BUCKETS                    optional comma-separated buckets to create under /data
# Objects live as plain files under /data/<bucket>/<key>.
set -euo pipefail

: "${S3_ACCESS_KEY:?set S3_ACCESS_KEY (the S3 access key S3Proxy accepts)}"
: "${S3_SECRET_KEY:?set S3_SECRET_KEY (the S3 secret key S3Proxy accepts)}"
port="${S3_PORT:-8080}"

mkdir -p /data
IFS=',' read -ra buckets <<< "${S3_BUCKETS:-}"
for bucket in "${buckets[@]}"; do
  bucket="${bucket//[[:space:]]/}"
  [ -n "$bucket" ] && mkdir -p "/data/$bucket"
done

conf="$(mktemp /tmp/s3proxy.XXXXXX.properties)"
cat > "$conf" <<PROPS
s3proxy.endpoint=http://0.0.0.0:${port}
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${S3_ACCESS_KEY}
s3proxy.credential=${S3_SECRET_KEY}
jclouds.provider=filesystem
jclouds.filesystem.basedir=/data
jclouds.identity=unused
jclouds.credential=unused
PROPS

# shellcheck disable=SC2086  # JAVA_OPTS is a list of JVM flags.
exec java $JAVA_OPTS -jar /opt/s3proxy/s3proxy.jar --properties "$conf"
