package com.mallsync.sandbox.erp;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads the seed's attribute-style XML ({@code <detail><detail a="1" .../>...</detail>}) into attribute maps. */
final class TradeXml {

    private static final XMLInputFactory FACTORY = newFactory();

    private TradeXml() {
    }

    /**
     * The attribute maps of every {@code <name>} child of the {@code <name>} root, in order.
     *
     * @throws IllegalArgumentException when the text is not such XML
     */
    static List<Map<String, String>> rows(String xml, String name) {
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException(name + " XML is empty");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (!name.equals(reader.getLocalName())) {
                        throw new IllegalArgumentException("unexpected element <" + reader.getLocalName() + "> in "
                                + name + " XML");
                    }
                    if (depth == 2) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            row.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                        rows.add(row);
                    } else if (depth > 2) {
                        throw new IllegalArgumentException(name + " XML nests too deep");
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            reader.close();
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(name + " XML is malformed: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + " XML has no <" + name + "> row");
        }
        return rows;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // No DTDs, no external entities: the sandbox parses what strangers send.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
