package com.mallsync.stack.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.mall.MallCheckout;
import com.mallsync.stack.DemoMall;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Realistic variations of the seed's sample push ({@code mall-order-push.txt}): the seed's JSON is the template,
 * so every field the mall sends is there, in the mall's formats (money as strings, zero dates, JSON inside
 * strings); what varies is mall, buyer, 1 to 10 lines (mostly few), quantities and prices. The money and the
 * payment are priced the way the mall prices them ({@link MallCheckout}, MALL-FIELDS.md): lines net of their member
 * discount, full-reduce, coupon and points; freight; sometimes the merchant's edit of a line or of the whole order
 * (a discount or, in a few orders, a mark-up: negative {@code back_price}), sometimes a member mark-up (negative
 * {@code member_discount_price}); paid by WeChat ({@code is_wxpay} 1), another online method, balance or cash on
 * delivery.
 *
 * <p>Pure and deterministic: the same seed, run id, index and time give the same order. No I/O but reading the
 * template once.
 */
public final class DemoOrderGenerator {

    private static final ObjectNode TEMPLATE = (ObjectNode) Json.tree(template());
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰", "婷", "强"};
    private static final String[][] PLACES = {
            {"广东省", "广州市", "天河区"}, {"浙江省", "杭州市", "西湖区"}, {"江苏省", "南京市", "鼓楼区"},
            {"山东省", "泰安市", "泰山区"}, {"四川省", "成都市", "武侯区"}, {"上海市", "上海市", "浦东新区"},
            {"北京市", "北京市", "朝阳区"}, {"湖北省", "武汉市", "洪山区"}};
    private static final String[] STREETS = {"中山路", "人民路", "解放大道", "建设路", "文化路", "新华街"};
    private static final String[][] COLOURS = {{"颜色", "黑色"}, {"颜色", "白色"}, {"颜色", "红色"}, {"尺码", "M"},
            {"尺码", "L"}, {"规格", "500g"}};
    private static final String[] GOODS = {"纯棉T恤", "保温杯", "蓝牙耳机", "运动袜", "洗发水", "绿茶礼盒",
            "帆布包", "数据线", "坚果礼包", "手机壳", "牙刷套装", "笔记本"};

    private final long seed;
    private final String runId;
    private final Instant now;

    /**
     * @param seed  varies the orders; the same seed gives the same orders
     * @param runId digits that make this run's order numbers unique (such as the start time {@code ddHHmmss})
     * @param now   the time the orders are paid (around it)
     */
    public DemoOrderGenerator(long seed, String runId, Instant now) {
        if (!runId.chars().allMatch(Character::isDigit) || runId.length() > 12) {
            throw new IllegalArgumentException("runId must be at most 12 digits: " + runId);
        }
        this.seed = seed;
        this.runId = runId;
        this.now = now;
    }

    /** The {@code index}-th order of this run. */
    public DemoOrder order(int index) {
        // mixed through SplittableRandom first: java.util.Random's first draws from consecutive seeds are nearly
        // equal, which made neighbouring orders alike (same mall, similar amounts)
        Random random = new Random(new SplittableRandom(seed * 1_000_003L + index).nextLong());
        DemoMall mall = DemoMall.ALL.get(random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(DemoMall.ALL.size() - 1));
        String orderNo = "8" + runId + String.format("%07d", index);
        long orderId = 1_000_000L + Math.floorMod(seed * 7919L + index, 8_000_000L);
        ZonedDateTime paid = now.minusMillis(random.nextInt(3000)).atZone(MallTime.ZONE);
        ZonedDateTime created = paid.minusSeconds(3 + random.nextInt(120));

        ObjectNode push = TEMPLATE.deepCopy();
        push.put("id", orderId);
        push.put("mall_id", mall.mallId());
        push.put("user_id", 500_000 + random.nextInt(400_000));
        push.put("order_no", orderNo);

        int lineCount = lineCount(random);
        ArrayNode detail = push.putArray("detail");
        ObjectNode templateLine = (ObjectNode) TEMPLATE.get("detail").get(0);
        List<MallCheckout.Item> items = new ArrayList<>();
        for (int i = 0; i < lineCount; i++) {
            ObjectNode line = line(templateLine.deepCopy(), random, orderId, i, created);
            detail.add(line);
            items.add(new MallCheckout.Item(new BigDecimal(line.get("unit_price").asString()),
                    line.get("num").asInt()));
        }
        MallCheckout checkout = MallCheckout.random(random, items);
        checkout.writeInto(push);
        BigDecimal pay = checkout.totalPayPrice();

        String[] place = PLACES[random.nextInt(PLACES.length)];
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
        String mobile = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
        push.put("name", name);
        push.put("mobile", mobile);
        push.put("address", place[0] + " " + place[1] + " " + place[2] + " " + STREETS[random.nextInt(STREETS.length)]
                + (1 + random.nextInt(300)) + "号" + (1 + random.nextInt(30)) + "栋" + (101 + random.nextInt(2000)) + "室");
        push.put("address_id", 90_000 + random.nextInt(10_000));
        push.put("remark", random.nextInt(5) == 0 ? "请尽快发货" : "");
        push.put("words", random.nextInt(8) == 0 ? "送人的，不要放发票" : "");
        push.put("pay_time", MallTime.FORMAT.format(paid));
        push.put("created_at", MallTime.FORMAT.format(created));
        push.put("updated_at", MallTime.FORMAT.format(paid));
        push.put("token", hex(random, 32));
        ObjectNode user = (ObjectNode) push.get("user");
        user.put("nickname", name.substring(0, 1) + "小" + GIVEN[random.nextInt(GIVEN.length)]);
        user.put("unionid", "oAf8A5" + hex(random, 22));
        user.put("mobile", mobile);
        push.put("pay_order_no", "HM" + hex(random, 30));
        push.put("app_sign", "");
        if (random.nextInt(3) == 0) {
            push.putNull("parent");
        }
        return new DemoOrder(mall.mallId(), orderNo, lineCount, push, pay);
    }

    /** Orders {@code 0..count-1}. */
    public List<DemoOrder> orders(int count) {
        List<DemoOrder> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            orders.add(order(i));
        }
        return orders;
    }

    /** 1 to 10 lines, most orders small: about half have one line, a few have ten. */
    private static int lineCount(Random random) {
        int roll = random.nextInt(100);
        if (roll < 45) {
            return 1;
        }
        if (roll < 70) {
            return 2;
        }
        if (roll < 85) {
            return 3;
        }
        return 4 + random.nextInt(7);
    }

    private static ObjectNode line(ObjectNode line, Random random, long orderId, int i, ZonedDateTime created) {
        int product = random.nextInt(GOODS.length * 4);
        long goodsId = 180_000L + product;
        long skuId = 490_000L + product;
        BigDecimal unit = BigDecimal.valueOf(100 + ((product * 3779L) % 39_900)).movePointLeft(2);
        int num = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(4);
        String[] attr = COLOURS[product % COLOURS.length];
        String goodsName = GOODS[product % GOODS.length];
        line.put("id", orderId * 10 + i);
        line.put("order_id", orderId);
        line.put("goods_id", goodsId);
        line.put("num", num);
        line.put("unit_price", money(unit));
        line.put("goods_no", product % 3 == 0 ? "" : "G" + goodsId);
        line.put("created_at", MallTime.FORMAT.format(created));
        line.put("updated_at", MallTime.FORMAT.format(created));
        ObjectNode info = (ObjectNode) line.get("goods_info");
        ObjectNode sku = (ObjectNode) info.get("goods_attr");
        sku.put("id", skuId);
        sku.put("goods_id", goodsId);
        sku.put("price", money(unit));
        sku.put("original_price", money(unit));
        sku.put("no", product % 4 == 0 ? "" : "SKU" + skuId);
        sku.put("name", goodsName);
        sku.put("bar_code", product % 5 == 0 ? "" : "69" + String.format("%011d", 12_345_000L + product * 7L));
        sku.put("stock", 10 + (product % 90));
        for (String field : new String[] {"attr_list"}) {
            ObjectNode chosen = Json.mapper().createObjectNode();
            chosen.put("attr_group_name", attr[0]);
            chosen.put("attr_group_id", 1 + product % 3);
            chosen.put("attr_id", 1 + product % COLOURS.length);
            chosen.put("attr_name", attr[1]);
            info.putArray(field).add(chosen.deepCopy());
            line.putArray(field).add(chosen);
        }
        return line;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String hex(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    /** The seed's sample push, verbatim (also used by {@code send-seed}). */
    public static String template() {
        try (InputStream in = DemoOrderGenerator.class.getResourceAsStream("/demo/seed-order.json")) {
            if (in == null) {
                throw new IllegalStateException("missing /demo/seed-order.json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
