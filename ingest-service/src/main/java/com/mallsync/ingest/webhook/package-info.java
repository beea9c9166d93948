/**
 * {@code POST /webhooks/mall/orders}: reading the body within its limit, deciding each push's fate (accepted with the new facts it published, duplicate, ignored, refused, 503; contradictions) and the meters of those decisions.
 */
package com.mallsync.ingest.webhook;
