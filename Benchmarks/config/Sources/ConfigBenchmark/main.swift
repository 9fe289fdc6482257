import Foundation

/// Times parse + TLS edit + unified diff of generated main.cf files of 5k, 50k and 500k
/// lines, alone and as part of a whole `PlanBuilder.build`, and checks the budget:
/// 50k lines within 100 ms, and linear growth (the 500k per-line cost within 3x of 5k's).

/// Debian-like master.cf with the submission and submissions templates.
let masterCf = """
    smtp      inet  n       -       y       -       -       smtpd
    #submission inet n       -       y       -       -       smtpd
    #  -o syslog_name=postfix/submission
    #submissions     inet  n       -       y       -       -       smtpd
    #  -o syslog_name=postfix/submissions
    pickup    unix  n       -       y       60      1       pickup
    cleanup   unix  n       -       y       -       0       cleanup

    """

struct Row {
    let lines: Int
    let edit: Double
    let plan: Double
}

let sizes = [(lines: 5_000, runs: 15), (lines: 50_000, runs: 9), (lines: 500_000, runs: 5)]
let workloads = try Workloads(masterCf: masterCf)
defer { workloads.cleanUp() }

var rows: [Row] = []
print("lines     edit median   per line    plan median   per line   (runs)")
for (lines, runs) in sizes {
    let text = MainCfGenerator.mainCf(lines: lines)
    try workloads.install(mainCf: text)
    // Both pipelines must do real work: the diff replaces the snakeoil lines.
    guard try Workloads.editMainCf(text).contains("+smtpd_tls_chain_files"), try workloads.plan().contains("+smtpd_tls_chain_files") else {
        throw BenchmarkError(description: "the \(lines)-line diff lacks smtpd_tls_chain_files")
    }
    let edit = try Stopwatch.median(runs: runs) { _ = try Workloads.editMainCf(text) }
    let plan = try Stopwatch.median(runs: runs) { _ = try workloads.plan() }
    rows.append(Row(lines: lines, edit: edit, plan: plan))
    func format(_ seconds: Double) -> String {
        String(format: "%9.2f ms  %7.0f ns", seconds * 1e3, seconds / Double(lines) * 1e9)
    }
    print(String(format: "%-8d", lines) + format(edit) + "  " + format(plan) + "   (\(runs))")
}

/// One budget check, printed as PASS or FAIL.
func check(_ name: String, _ passed: Bool, _ detail: String) -> Bool {
    print("\(passed ? "PASS" : "FAIL")  \(name): \(detail)")
    return passed
}

let small = rows[0], medium = rows[1], large = rows[2]
func perLine(_ row: Row, _ time: KeyPath<Row, Double>) -> Double { row[keyPath: time] / Double(row.lines) }
var allPassed = true
for (name, time) in [("edit", \Row.edit), ("plan", \Row.plan)] {
    allPassed = check("\(name) 50k <= 100 ms", medium[keyPath: time] <= 0.100,
                      String(format: "%.2f ms", medium[keyPath: time] * 1e3)) && allPassed
    let ratio = perLine(large, time) / perLine(small, time)
    allPassed = check("\(name) linear growth", ratio <= 3,
                      String(format: "500k per-line cost is %.2fx the 5k per-line cost (limit 3x)", ratio)) && allPassed
}
exit(allPassed ? 0 : 1)
