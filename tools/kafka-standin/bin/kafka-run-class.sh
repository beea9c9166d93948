#!/bin/bash
# STAND-IN (not Apache's script): java with the jars in /opt/kafka/libs and upstream's env knobs; tools log WARN to stderr
base_dir=$(dirname "$0")/..
[ -z "${KAFKA_HEAP_OPTS-}" ] && KAFKA_HEAP_OPTS="-Xmx256M"
[ -z "${KAFKA_JVM_PERFORMANCE_OPTS-}" ] && KAFKA_JVM_PERFORMANCE_OPTS="-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true"
[ -z "${KAFKA_LOG4J_OPTS-}" ] && KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$base_dir/config/tools-log4j2.yaml"
exec java $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_LOG4J_OPTS ${KAFKA_OPTS-} -cp "$base_dir/libs/*" "$@"
