#!/bin/bash
# STAND-IN: like upstream, 1G heap and config/log4j2.yaml unless overridden, then kafka.Kafka <server.properties>
base_dir=$(dirname "$0")
[ -z "${KAFKA_LOG4J_OPTS-}" ] && export KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$base_dir/../config/log4j2.yaml"
[ -z "${KAFKA_HEAP_OPTS-}" ] && export KAFKA_HEAP_OPTS="-Xmx1G -Xms1G"
exec "$base_dir/kafka-run-class.sh" kafka.Kafka "$@"
