package com.mallsync.membersync.mapping;

import java.util.List;

/**
 * Every 2030 row one order can carry, computed once over the whole order ({@link CrmOrderMapping#rows}): a sale
 * carries some of them, a return the same rows negated, so a sale and its returns add up to nothing per row.
 *
 * @param goods   one row per goods line, in the order's line order
 * @param freight the freight row ({@link FreightMode#LINE} and freight paid), or {@code null}
 */
record CrmRows(List<GoodsRow> goods, CrmOrder.Line freight) {

    CrmRows {
        goods = List.copyOf(goods);
    }

    /** A goods line's row and the line's id ({@code detail[].id}, {@code null} in old records). */
    record GoodsRow(Long lineId, CrmOrder.Line line) {
    }
}
