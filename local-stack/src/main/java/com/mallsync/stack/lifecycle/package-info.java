/**
 * An order's life after payment as the load tool and the system tests play it: the pushes a mall sends for one
 * order ({@link com.mallsync.stack.lifecycle.OrderStory}, drawn from a {@link com.mallsync.stack.lifecycle.LifecycleMix}),
 * each push's body ({@link com.mallsync.stack.lifecycle.LaterPush}), and what each target must then do with each
 * event ({@link com.mallsync.stack.lifecycle.LifecycleRules}). Pure functions, no I/O.
 */
package com.mallsync.stack.lifecycle;
