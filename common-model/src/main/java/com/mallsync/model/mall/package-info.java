/**
 * The mall's push payload exactly as it arrives ({@code mall-order-push.txt}): snake_case JSON, money as decimal
 * strings, MySQL zero dates, JSON inside strings. Fields the services use are typed; every other field is kept in
 * each record's {@code other} map, so a payload read and written again keeps every field.
 */
package com.mallsync.model.mall;
