import Foundation
import Testing
@testable import PftlsCore

/// The Prometheus text exposition writer: HELP and TYPE once per family with its samples
/// together, label values escaped, no series twice however odd its label values, values
/// as the format reads them, a newline at the end.
@Suite struct PrometheusExpositionTests {
    let first = PrometheusExposition.Family(gauge: "test_first_seconds", help: "First\\family\nsecond line.")
    let second = PrometheusExposition.Family(gauge: "test_second_ratio", help: "Second family.")

    @Test func eachFamilyComesOnceWithAllItsSamplesInTheOrderGiven() {
        var exposition = PrometheusExposition()
        exposition.add(first, [("name", "a")], 1)
        exposition.add(second, [("name", "a")], 0.25)
        exposition.add(first, [("name", "b")], 2)
        exposition.declare(PrometheusExposition.Family(gauge: "test_empty", help: "No sample."))
        exposition.declare(first)
        exposition.add(second, [], 0)
        #expect(exposition.text == """
            # HELP test_first_seconds First\\\\family\\nsecond line.
            # TYPE test_first_seconds gauge
            test_first_seconds{name="a"} 1
            test_first_seconds{name="b"} 2
            # HELP test_second_ratio Second family.
            # TYPE test_second_ratio gauge
            test_second_ratio{name="a"} 0.25
            test_second_ratio 0
            # HELP test_empty No sample.
            # TYPE test_empty gauge

            """)
        #expect(PrometheusExposition().text.isEmpty)
    }

    @Test func labelValuesAreEscapedAndKeptOtherwise() {
        var exposition = PrometheusExposition()
        exposition.add(first, [("file", "/etc/a\\b\"c\nd\r\ne"), ("names", "日本.example")], 3)
        let sample = exposition.text.split(separator: "\n").last.map(String.init)
        #expect(sample == "test_first_seconds{file=\"/etc/a\\\\b\\\"c\\nd\r\\ne\",names=\"日本.example\"} 3", "\(exposition.text)")
        // A carriage return is not a line end for the format; a line feed never stays raw, not even in "\r\n".
        #expect(exposition.text.split(separator: "\n", omittingEmptySubsequences: false).count == 4, "\(exposition.text)")
        #expect(exposition.text.hasSuffix(" 3\n"))
    }

    @Test func aSeriesIsNeverWrittenTwiceWhateverItsLabelValues() {
        var exposition = PrometheusExposition()
        let odd = ["", "\"", "\\", "\n", "\\n", "\\\"", "a\"b", "a\\\"b", "日本\r\n"]
        var added = 0
        for value in odd + odd {
            if exposition.add(first, [("file", value), ("key_type", "RSA")], 1) { added += 1 }
        }
        // The same labels in another order are the same series; the first value given stays.
        #expect(exposition.add(first, [("key_type", "RSA"), ("file", "\"")], 9) == false)
        #expect(added == odd.count)
        let samples = exposition.text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(samples.count == odd.count && Set(samples).count == odd.count, "\(exposition.text)")
        #expect(!exposition.text.contains(" 9\n"))
        // Distinct values stay distinct once escaped: `\n` (two characters) is not a line feed.
        #expect(samples.contains("test_first_seconds{file=\"\\\\n\",key_type=\"RSA\"} 1") && samples.contains("test_first_seconds{file=\"\\n\",key_type=\"RSA\"} 1"))
    }

    @Test func valuesAreWrittenAsTheFormatReadsThem() {
        #expect(PrometheusExposition.format(1_767_225_600) == "1767225600")
        #expect(PrometheusExposition.format(0) == "0")
        #expect(PrometheusExposition.format(-3) == "-3")
        #expect(PrometheusExposition.format(0.5) == "0.5")
        #expect(PrometheusExposition.format(1e-5) == "1e-05")
        #expect(PrometheusExposition.format(.nan) == "NaN")
        #expect(PrometheusExposition.format(.infinity) == "+Inf" && PrometheusExposition.format(-.infinity) == "-Inf")
    }

    @Test func namesAreCheckedAgainstTheFormat() {
        #expect(PrometheusExposition.isMetricName("pftls_check_timestamp_seconds") && PrometheusExposition.isMetricName("a:b_1"))
        #expect(!PrometheusExposition.isMetricName("1a") && !PrometheusExposition.isMetricName("a-b") && !PrometheusExposition.isMetricName(""))
        #expect(PrometheusExposition.isLabelName("config_dir") && PrometheusExposition.isLabelName("_x"))
        #expect(!PrometheusExposition.isLabelName("__name__") && !PrometheusExposition.isLabelName("a:b") && !PrometheusExposition.isLabelName("9"))
    }
}
