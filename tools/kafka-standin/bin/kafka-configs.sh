#!/bin/bash
# STAND-IN: the main class of the Kafka 4.2.1 script of this name
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
