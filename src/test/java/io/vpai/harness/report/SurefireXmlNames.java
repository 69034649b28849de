package io.vpai.harness.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a CI server shows from Surefire's XML, judged: every suite and test case must carry a sentence. A problem is
 * a suite or test-case class named by its Java class (the display name was missing, or the phrased reporter is not
 * configured), a test case named by an invocation index ({@code …[17]}), by its Java method
 * ({@code everyPathIsOpen…(Target)}, {@code theNameAloneRefuses}) or by a {@code toString()}
 * ({@code Verdict[expectation=…]}, {@code Probe@1b6d3586}). One line per problem, naming the file and the name.
 */
public final class SurefireXmlNames {
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    /** A leading camelCase identifier, with or without its parameter list: a method name standing for a sentence. */
    private static final Pattern METHOD = Pattern.compile("^[a-z][a-z0-9]*[A-Z]\\w*(\\([^)]*\\))?(\\s|$)|^[a-z]\\w*\\([^)]*\\)");
    private static final Pattern TO_STRING = Pattern.compile("\\b[A-Z]\\w*\\[\\w+=|\\b[A-Z]\\w*@[0-9a-f]{5,}\\b");
    private static final Pattern CLASS_NAME = Pattern.compile("^([a-z_][\\w$]*\\.)*[A-Z][\\w$]*$");

    private SurefireXmlNames() {
    }

    /** The problems of one report file; {@code TEST-<class>.xml} names the class its suite must not be named by. */
    public static List<String> problems(Path report) throws IOException {
        return problems(report.getFileName().toString(), Files.readString(report));
    }

    public static List<String> problems(String fileName, String xml) {
        String testClass = fileName.replaceFirst("^TEST-", "").replaceFirst("\\.xml$", "");
        Element suite = parse(fileName, xml).getDocumentElement();
        List<String> problems = new ArrayList<>();
        String suiteName = suite.getAttribute("name");
        if (namedByClass(suiteName, testClass)) {
            problems.add(fileName + ": testsuite is named by its class '" + suiteName + "', not a sentence (@DisplayName)");
        }
        // A class disabled as a whole (say, the preprod smoke outside -Dvpai.env=preprod) is written by Surefire with its
        // Java name as the skipped case's classname whatever the reporter is told; its suite and case names still count.
        boolean disabledClass = !suite.getAttribute("tests").isEmpty()
                && suite.getAttribute("tests").equals(suite.getAttribute("skipped"));
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            String name = testCase.getAttribute("name");
            String className = testCase.getAttribute("classname");
            if (!disabledClass && namedByClass(className, testClass)) {
                problems.add(fileName + ": testcase '" + name + "' has its class '" + className + "' for a classname");
            }
            if (INDEX.matcher(name).find()) {
                problems.add(fileName + ": testcase '" + name + "' is named by an invocation index");
            }
            if (METHOD.matcher(name).find()) {
                problems.add(fileName + ": testcase '" + name + "' is named by its Java method");
            }
            if (TO_STRING.matcher(name).find()) {
                problems.add(fileName + ": testcase '" + name + "' is named by a toString()");
            }
        }
        return problems;
    }

    private static boolean namedByClass(String name, String testClass) {
        String simpleName = testClass.substring(testClass.lastIndexOf('.') + 1);
        return name.isBlank() || name.equals(testClass) || name.equals(simpleName)
                || (name.contains(".") && CLASS_NAME.matcher(name).matches());
    }

    private static Document parse(String fileName, String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on a fatal error instead of printing it to stderr
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException(fileName + ": not a readable Surefire XML report: " + e.getMessage(), e);
        }
    }
}
