package com.mallsync.sandbox.erp;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks the sandbox makes before it creates an order: the nine parameters, the token, every node of the
 * seed's tables, and that details and payments add up to the master (see the README for the rules).
 */
final class TradeCheck {

    static final List<String> MASTER_NODES = List.of("TradeType", "CreateTime", "OriginalMoney", "TotalMoney",
            "FactMoney", "PayStatus", "ContractFeeBefore", "ContractFee", "OtherFee", "ReductionFee", "Freight",
            "LateFee", "PayTime", "RefundFee", "RefundTime", "TradeSource", "ProvinceID", "CityID", "DistrictID",
            "BuyerAddress", "BuyerName", "BuyerPhone", "OuterID", "ReceiptID", "Remark", "SaleUID");
    static final List<String> DETAIL_NODES = List.of("GoodsID", "yhProductID", "GoodsNumber", "OldPrice", "Price",
            "ContractFeeItem", "ReductionFeeItem", "OtherFeeItem", "CreateTime", "Remark");
    static final List<String> PAY_NODES = List.of("FactMoney", "PayChannel");
    static final Set<String> PROCEDURES = Set.of("UP_TradeTransferToSale", "UP_TradeTransferToRetail",
            "UP_TradeTransferToWholesale");
    /** The seed's time format: {@code 2020/3/23 15:54:17}, {@code 1900/1/1 0:00:00}. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/M/d H:mm:ss");

    private static final Set<String> MASTER_TIMES = Set.of("CreateTime", "PayTime", "RefundTime");
    private static final Set<String> MASTER_MONEY = Set.of("OriginalMoney", "TotalMoney", "FactMoney",
            "ContractFeeBefore", "ContractFee", "OtherFee", "ReductionFee", "Freight", "LateFee", "RefundFee");
    private static final Set<String> STRING_32 = Set.of("PayStatus", "TradeSource", "ProvinceID", "CityID",
            "DistrictID", "BuyerName", "BuyerPhone", "OuterID", "ReceiptID", "SaleUID");

    private final String platformId;
    private final String userAccessToken;

    TradeCheck(String platformId, String userAccessToken) {
        this.platformId = platformId;
        this.userAccessToken = userAccessToken;
    }

    /** Checks one call's parameters; returns them parsed or throws {@link CheckFailure}. */
    TradeRequest check(Function<String, String> param) {
        for (String name : List.of("PlatformID", "UserAccessToken", "UID", "MasterXml", "DetailXml", "PayXml", "TH",
                "Audit", "StoredProcedureName")) {
            String value = param.apply(name);
            if (value == null || value.isBlank()) {
                throw new CheckFailure(CheckFailure.BAD_PARAMETER, "missing parameter " + name);
            }
        }
        if (!platformId.equals(param.apply("PlatformID")) || !userAccessToken.equals(param.apply("UserAccessToken"))) {
            throw new CheckFailure(CheckFailure.UNAUTHORIZED, "PlatformID or UserAccessToken is not valid");
        }
        int th = flag(param.apply("TH"), "TH");
        int audit = flag(param.apply("Audit"), "Audit");
        String procedure = param.apply("StoredProcedureName");
        if (!PROCEDURES.contains(procedure)) {
            throw new CheckFailure(CheckFailure.BAD_PARAMETER, "unknown StoredProcedureName " + procedure);
        }
        List<Map<String, String>> masters = rows(param.apply("MasterXml"), "master");
        if (masters.size() != 1) {
            throw new CheckFailure(CheckFailure.BAD_XML, "MasterXml must hold exactly one <master>");
        }
        Map<String, String> master = masters.get(0);
        List<Map<String, String>> details = rows(param.apply("DetailXml"), "detail");
        List<Map<String, String>> pays = rows(param.apply("PayXml"), "pay");
        checkNodes(master, details, pays);
        checkSums(master, details, pays);
        return new TradeRequest(param.apply("UID"), th, audit, procedure, master, details, pays);
    }

    private static int flag(String value, String name) {
        if (!"0".equals(value.trim()) && !"1".equals(value.trim())) {
            throw new CheckFailure(CheckFailure.BAD_PARAMETER, name + " must be 0 or 1: " + value);
        }
        return Integer.parseInt(value.trim());
    }

    private static List<Map<String, String>> rows(String xml, String name) {
        try {
            return TradeXml.rows(xml, name);
        } catch (IllegalArgumentException e) {
            throw new CheckFailure(CheckFailure.BAD_XML, e.getMessage());
        }
    }

    private static void checkNodes(Map<String, String> master, List<Map<String, String>> details,
                                   List<Map<String, String>> pays) {
        for (String node : MASTER_NODES) {
            String value = present(master, node, "master");
            if (MASTER_TIMES.contains(node)) {
                time(value, "master." + node);
            } else if (MASTER_MONEY.contains(node)) {
                money(value, "master." + node);
            } else if (STRING_32.contains(node) && value.codePointCount(0, value.length()) > 32) {
                throw new CheckFailure(CheckFailure.BAD_XML, "master." + node + " is longer than 32");
            }
        }
        if (master.get("BuyerAddress").codePointCount(0, master.get("BuyerAddress").length()) > 128) {
            throw new CheckFailure(CheckFailure.BAD_XML, "master.BuyerAddress is longer than 128");
        }
        for (Map<String, String> detail : details) {
            DETAIL_NODES.forEach(node -> present(detail, node, "detail"));
            if (detail.get("GoodsID").isBlank()) {
                throw new CheckFailure(CheckFailure.BAD_XML, "detail.GoodsID is empty");
            }
            if (money(detail.get("GoodsNumber"), "detail.GoodsNumber").signum() <= 0) {
                throw new CheckFailure(CheckFailure.BAD_XML, "detail.GoodsNumber must be positive");
            }
            time(detail.get("CreateTime"), "detail.CreateTime");
        }
        for (Map<String, String> pay : pays) {
            PAY_NODES.forEach(node -> present(pay, node, "pay"));
            money(pay.get("FactMoney"), "pay.FactMoney");
        }
    }

    /**
     * The sandbox's reading of the seed's amounts (its example: 106.4 − 26.6 = 79.8): lines add up to the master
     * node by node, each Price = OldPrice − ContractFeeItem, TotalMoney = Σ Price, and what was paid is
     * TotalMoney − ContractFee − OtherFee − ReductionFee + Freight + LateFee = FactMoney = Σ pay FactMoney.
     */
    private static void checkSums(Map<String, String> master, List<Map<String, String>> details,
                                  List<Map<String, String>> pays) {
        for (Map<String, String> d : details) {
            BigDecimal expected = num(d, "OldPrice").subtract(num(d, "ContractFeeItem"));
            if (expected.compareTo(num(d, "Price")) != 0) {
                throw new CheckFailure(CheckFailure.AMOUNTS, "detail " + d.get("GoodsID")
                        + ": Price " + d.get("Price") + " is not OldPrice - ContractFeeItem = " + expected);
            }
        }
        sum(master, "OriginalMoney", details, "OldPrice");
        sum(master, "ContractFeeBefore", details, "ContractFeeItem");
        sum(master, "ContractFee", details, "ReductionFeeItem");
        sum(master, "OtherFee", details, "OtherFeeItem");
        sum(master, "TotalMoney", details, "Price");
        sum(master, "FactMoney", pays, "FactMoney");
        BigDecimal paid = num(master, "TotalMoney").subtract(num(master, "ContractFee"))
                .subtract(num(master, "OtherFee")).subtract(num(master, "ReductionFee"))
                .add(num(master, "Freight")).add(num(master, "LateFee"));
        if (paid.compareTo(num(master, "FactMoney")) != 0) {
            throw new CheckFailure(CheckFailure.AMOUNTS, "master FactMoney " + master.get("FactMoney")
                    + " is not TotalMoney - ContractFee - OtherFee - ReductionFee + Freight + LateFee = " + paid);
        }
    }

    private static void sum(Map<String, String> master, String masterNode, List<Map<String, String>> rows,
                            String rowNode) {
        BigDecimal total = rows.stream().map(r -> num(r, rowNode)).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(num(master, masterNode)) != 0) {
            throw new CheckFailure(CheckFailure.AMOUNTS, "master " + masterNode + " " + master.get(masterNode)
                    + " is not the sum of " + rowNode + " " + total);
        }
    }

    private static BigDecimal num(Map<String, String> row, String node) {
        return money(row.get(node), node);
    }

    private static String present(Map<String, String> row, String node, String where) {
        String value = row.get(node);
        if (value == null) {
            throw new CheckFailure(CheckFailure.BAD_XML, where + " has no " + node);
        }
        return value;
    }

    private static BigDecimal money(String value, String where) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new CheckFailure(CheckFailure.BAD_XML, where + " is not a decimal: " + value);
        }
    }

    private static LocalDateTime time(String value, String where) {
        try {
            return LocalDateTime.parse(value.trim(), TIME);
        } catch (DateTimeParseException e) {
            throw new CheckFailure(CheckFailure.BAD_XML, where + " is not a time like 2020/3/23 15:54:17: " + value);
        }
    }
}
