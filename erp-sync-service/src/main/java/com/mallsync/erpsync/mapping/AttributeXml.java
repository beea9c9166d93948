package com.mallsync.erpsync.mapping;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the seed's attribute-style XML, {@code <detail><detail A="…" …/>…</detail>}, through StAX so every value is
 * escaped ({@code & < > "}); characters XML 1.0 cannot carry are dropped and line breaks become spaces (an XML
 * parser would turn a raw line break inside an attribute into a space anyway).
 */
final class AttributeXml {

    /** The seed's decimal scale: {@code 106.4000}. */
    static final int SCALE = 4;

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private AttributeXml() {
    }

    /** {@code <name><name …row 1…/><name …row 2…/></name>}; attribute order is the map's. */
    static String write(String name, List<Map<String, String>> rows) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartElement(name);
            for (Map<String, String> row : rows) {
                xml.writeEmptyElement(name);
                for (Map.Entry<String, String> attribute : row.entrySet()) {
                    xml.writeAttribute(attribute.getKey(), clean(attribute.getValue()));
                }
            }
            xml.writeEndElement();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write " + name + " XML", e);
        }
        return out.toString();
    }

    static String decimal(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** At most {@code max} characters (code points), for the seed's String(32) / String(128) nodes. */
    static String limit(String text, int max) {
        String value = text == null ? "" : text.trim();
        int n = value.codePointCount(0, value.length());
        return n <= max ? value : value.substring(0, value.offsetByCodePoints(0, max));
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
