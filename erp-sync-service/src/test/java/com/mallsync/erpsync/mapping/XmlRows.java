package com.mallsync.erpsync.mapping;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** Reads attribute-style XML back in tests: the child rows of the root, attributes in document order. */
final class XmlRows {

    private XmlRows() {
    }

    static List<Map<String, String>> read(String xml, String root) throws Exception {
        XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(new StringReader(xml));
        List<Map<String, String>> rows = new ArrayList<>();
        int depth = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (!root.equals(reader.getLocalName())) {
                    throw new AssertionError("unexpected element " + reader.getLocalName());
                }
                if (depth == 2) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        row.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    rows.add(row);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return rows;
    }
}
