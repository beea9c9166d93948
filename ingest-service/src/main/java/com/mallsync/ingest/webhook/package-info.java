/**
 * {@code POST /webhooks/mall/orders}: reading the body within its limit, deciding each push's fate (accepted, duplicate, ignored, refused, 503) and the meters of those decisions.
 */
package com.mallsync.ingest.webhook;
