/**
 * Field rules a paid order must pass before it is mapped or published; every refusal names its field and never echoes its value.
 */
package com.mallsync.ingest.validation;
