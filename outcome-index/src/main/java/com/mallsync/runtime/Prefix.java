package com.mallsync.runtime;

import java.util.Collections;
import java.util.SortedMap;

import org.apache.kafka.common.TopicPartition;

/**
 * A partition's share of one transaction: the offset to commit ({@code position}: every record below it is
 * finished) and the publications of the finished records below it, by offset.
 */
record Prefix(TopicPartition partition, long position, SortedMap<Long, Publication> publications) {

    Prefix {
        publications = Collections.unmodifiableSortedMap(publications);
    }
}
