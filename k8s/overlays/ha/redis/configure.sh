#!/bin/sh
# Writes redis.conf and sentinel.conf into /conf (an emptyDir) before redis and sentinel start.
# The master is whatever a running sentinel names; when none answers (first start of the set),
# goproxy-redis-0 is the master. Pods announce their stable DNS names, not their IP addresses.
set -eu
SET=goproxy-redis
SELF="${POD_NAME}.${SET}"
MASTER=""
for i in 0 1 2; do
  [ "${SET}-$i" = "$POD_NAME" ] && continue
  answer=$(REDISCLI_AUTH="$REDIS_PASSWORD" timeout 5 redis-cli -h "${SET}-$i.${SET}" -p 26379 \
    --raw sentinel get-master-addr-by-name goproxy 2>/dev/null | head -n 1 || true)
  case "$answer" in
    "" | *" "*) ;;                       # no answer, or an error such as "NOAUTH ..."
    *) MASTER="$answer"; break ;;
  esac
done
[ -n "$MASTER" ] || MASTER="${SET}-0.${SET}"

umask 077
cat > /conf/redis.conf <<CONF
port 6379
dir /data
appendonly yes
protected-mode no
requirepass "$REDIS_PASSWORD"
masterauth "$REDIS_PASSWORD"
replica-announce-ip $SELF
CONF
if [ "$MASTER" != "$SELF" ]; then
  echo "replicaof $MASTER 6379" >> /conf/redis.conf
fi

cat > /conf/sentinel.conf <<CONF
port 26379
dir /conf
protected-mode no
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip $SELF
requirepass "$REDIS_PASSWORD"
sentinel sentinel-pass "$REDIS_PASSWORD"
sentinel monitor goproxy $MASTER 6379 2
sentinel auth-pass goproxy "$REDIS_PASSWORD"
sentinel down-after-milliseconds goproxy 5000
sentinel failover-timeout goproxy 60000
sentinel parallel-syncs goproxy 1
CONF
echo "configured $SELF with master $MASTER"
