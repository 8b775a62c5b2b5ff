import Foundation
import KioskCore
import Testing

@testable import KioskStore

/// `kioskctl complaints list|export|verify|respond`, the program itself (built next to the tests),
/// on both engines: what the inspecting officer runs.
@Suite struct ComplaintsCommandTests {
  /// Runs kioskctl on the test's store; its exit status and what it printed.
  func kioskctl(_ db: TestDatabase, _ arguments: [String]) throws -> (Int32, String) {
    let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("kioskctl")
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      Issue.record("build kioskctl first (swift build)")
      return (-1, "")
    }
    let p = Process()
    p.executableURL = url
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["BHUMISEBA_CONFIG"] = nil
    env["XDG_DATA_HOME"] = nil
    env["BHUMISEBA_STORE_URL"] = nil
    env["BHUMISEBA_LEDGER_KEY"] = db.keyPath
    switch db.engine {
    case .sqlite:
      let config = db.dir + "/kiosk.conf"
      try "[storage]\ndata_dir = \(db.dir)\n".write(toFile: config, atomically: true, encoding: .utf8)
      p.arguments = [arguments[0], arguments[1], "--config", config] + arguments.dropFirst(2)
    case .postgres:
      env["BHUMISEBA_STORE_URL"] = db.url
    }
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
  }

  /// The store kioskctl opens: `kiosk.sqlite` in the data folder, or the test's database.
  func store(_ db: TestDatabase) throws -> KioskStore {
    switch db.engine {
    case .sqlite: return try KioskStore(path: db.dir + "/kiosk.sqlite", ledgerKeyPath: db.keyPath)
    case .postgres: return try db.open()
    }
  }

  @Test(arguments: Engine.allCases) func listExportVerifyAndRespond(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try store(db)
    defer { try? store.close() }  // the test's own connection
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 in Dhaka
    let a = try store.fileComplaint(
      centreID: "DEMO", kind: .overcharged, askedAmount: 1500, reference: "DEMO-2027-000003", serviceID: "namjari",
      fee: 1170, mobile: "01712345678", now: t0)
    _ = try store.fileComplaint(
      centreID: "DEMO", kind: .conduct, askedAmount: nil, reference: nil, serviceID: nil, fee: nil, mobile: nil,
      now: t0.addingTimeInterval(86400))

    var (status, text) = try kioskctl(db, ["complaints", "list"])
    #expect(status == 0, "\(text)")
    #expect(text.contains("DEMO-C-000001") && text.contains("overcharged") && text.contains("asked 1500"), "\(text)")
    #expect(text.contains("fee 1170") && text.contains("DEMO-C-000002"), "\(text)")
    #expect(!text.contains("01712345678") && text.contains("(mobile given)"), "no mobile number unless asked")
    (status, text) = try kioskctl(db, ["complaints", "list", "--with-mobile"])
    #expect(text.contains("01712345678"))
    (status, text) = try kioskctl(db, ["complaints", "list", "--from", "2027-01-16", "--json"])
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
    #expect(json?.map { $0["number"] as? String } == ["DEMO-C-000002"], "\(text)")

    (status, text) = try kioskctl(
      db, ["complaints", "respond", "DEMO-C-000001", "--text", "Refunded 330 taka.", "--operator", "op1"])
    #expect(status == 0, "\(text)")
    (status, text) = try kioskctl(db, ["complaints", "export"])
    let lines = text.split(separator: "\n")
    #expect(lines.count == 4, "header, complaint, its response, complaint: \(text)")
    #expect(lines.first?.hasPrefix("row,number,at_utc,kind,asked_taka,fee_taka") == true)
    #expect(lines[2].contains("response") && lines[2].contains("Refunded 330 taka.") && lines[2].contains("op1"))
    #expect(!text.contains("01712345678"))

    (status, text) = try kioskctl(db, ["complaints", "verify"])
    #expect(status == 0 && text.contains("complaints ok: 3 rows checked"), "\(text)")
    #expect(try store.complaintHeads().map(\.kind) == ["verified"])

    // Someone lowers the amount asked, behind the store's back: verify names the row and fails.
    let lower = "UPDATE complaint SET asked_amount = 1170 WHERE id = \(a.id)"
    if engine == .sqlite {
      try PrivatePostgres.run([
        "/usr/bin/sqlite3", db.dir + "/kiosk.sqlite", "DROP TRIGGER complaint_no_update; " + lower,
      ])
    } else {
      try db.tamper(lower)
    }
    (status, text) = try kioskctl(db, ["complaints", "verify", "--json"])
    #expect(status == 1, "\(text)")
    let broken = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    #expect(broken?["ok"] as? Bool == false && broken?["row"] as? Int == 1, "\(text)")
    #expect(broken?["complaint"] as? String == "DEMO-C-000001", "\(text)")
  }
}
