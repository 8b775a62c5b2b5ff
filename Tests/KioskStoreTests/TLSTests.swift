import Foundation
import KioskTesting
import Testing

@testable import KioskStore

/// A centre's server reached over the LAN with TLS and the certificate checked
/// (`sslmode=verify-full&sslrootcert=CA.pem`): a private server of its own started with TLS
/// (`scripts/private-postgres.sh start DIR tls CERT KEY`), whose certificate a throwaway CA made
/// with `openssl` signed for 127.0.0.1 only; a second CA that signed nothing of the server's.
@Suite(.serialized) struct TLSTests {
  /// The server, its CA and the other CA (made once; the server stopped when the process exits).
  final class Server: Sendable {
    let dir: String
    let port: Int
    var ca: String { dir + "/ca.pem" }
    var otherCA: String { dir + "/other-ca.pem" }

    nonisolated(unsafe) static var started: Server?
    static let lock = NSLock()

    /// Not a `static let` (its start runs processes; see `PrivatePostgres.adminURL`).
    static var shared: Server {
      get throws {
        lock.lock()
        defer { lock.unlock() }
        if let started { return started }
        let server = try Server()
        started = server
        atexit {
          if let s = Server.started {
            _ = try? PrivatePostgres.run([TestPaths.repoRoot + "/scripts/private-postgres.sh", "stop", s.dir + "/pg"])
            try? FileManager.default.removeItem(atPath: s.dir)  // the test's own folder
          }
        }
        return server
      }
    }

    private init() throws {
      dir = NSTemporaryDirectory() + "bhumiseba-pg-tls-\(getpid())"
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      func openssl(_ args: String...) throws { try PrivatePostgres.run(["/usr/bin/openssl"] + args) }
      let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
      for name in ["ca", "other-ca"] {
        try PrivatePostgres.run(
          ["/usr/bin/openssl", "req", "-x509"] + ec + [
            "-keyout", "\(dir)/\(name).key", "-out", "\(dir)/\(name).pem", "-days", "2",
            "-subj", "/CN=Bhumiseba test \(name)", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
          ])
      }
      try PrivatePostgres.run(
        ["/usr/bin/openssl", "req"] + ec + [
          "-keyout", "\(dir)/server.key", "-out", "\(dir)/server.csr", "-subj", "/CN=centre-db",
        ])
      try "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n"
        .write(toFile: dir + "/server.ext", atomically: true, encoding: .utf8)
      try openssl(
        "x509", "-req", "-in", "\(dir)/server.csr", "-CA", "\(dir)/ca.pem", "-CAkey", "\(dir)/ca.key",
        "-CAcreateserial", "-out", "\(dir)/server.crt", "-days", "2", "-extfile", "\(dir)/server.ext")
      let out = try PrivatePostgres.run(
        [
          TestPaths.repoRoot + "/scripts/private-postgres.sh", "start", dir + "/pg", "tls", dir + "/server.crt",
          dir + "/server.key",
        ])
      guard let line = out.split(separator: "\n").first(where: { $0.hasPrefix("BHUMISEBA_TEST_PG=") }),
        let port = URLComponents(string: String(line.dropFirst("BHUMISEBA_TEST_PG=".count)))?.port
      else { throw PrivatePostgres.Failed(description: "no address from private-postgres.sh: \(out)") }
      self.port = port
      try PrivatePostgres.run(
        [
          "/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir + "/pg", "-p", String(port), "-U",
          "bhumiseba_admin", "-d", "postgres", "-c", "CREATE DATABASE centre",
        ])
    }

    func url(host: String = "127.0.0.1", query: String) -> String {
      "postgresql://bhumiseba_admin@\(host):\(port)/centre?\(query)"
    }
  }

  /// What opening the store at `url` threw (nil: it opened).
  func refusal(_ url: String, _ key: String) -> (any Error)? {
    do {
      try KioskStore(url: url, ledgerKeyPath: key).close()
      return nil
    } catch {
      return error
    }
  }

  @Test func verifyFullWithTheCentresCAOpensTheStoreOverTLS() throws {
    let server = try Server.shared
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }  // a scratch folder
    let store = try KioskStore(
      url: server.url(query: "sslmode=verify-full&sslrootcert=\(server.ca)"), ledgerKeyPath: dir + "/ledger.key")
    defer { try? store.close() }  // the test's own connection
    let draft = try store.createDraft(serviceID: "namjari", language: .bn)
    try store.saveAnswer(draftID: draft.id, questionID: "applicant_name", value: "রহিমা খাতুন")
    #expect(try store.answers(draftID: draft.id)["applicant_name"] == "রহিমা খাতুন")
    // The store's own connection is encrypted (the server says so).
    let ssl = try store.engine.read { db in
      try db.one("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    }
    #expect(try ssl?.int(0) == 1)
    #expect(try ssl?.text(1).hasPrefix("TLSv1.") == true)
  }

  @Test func aCertificateThatTheCentresCADidNotSignIsRefused() throws {
    let server = try Server.shared
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }  // a scratch folder
    let error = refusal(server.url(query: "sslmode=verify-full&sslrootcert=\(server.otherCA)"), dir + "/ledger.key")
    let storeError = try #require(error as? StoreError, "not a StoreError: \(String(describing: error))")
    guard case .badCertificate(let address, let check, let file, _) = storeError else {
      Issue.record("not refused as an untrusted certificate: \(storeError)")
      return
    }
    #expect(address.contains("127.0.0.1:\(server.port)"))
    #expect(check == .signedByCentreCA && file == server.otherCA)
    #expect(
      storeError.message.en.contains("no CA in the sslrootcert file \(server.otherCA) signed the certificate"),
      "\(storeError.message.en)")
    #expect(storeError.message.bn.contains("\(server.otherCA)-এর কোনো CA স্বাক্ষর করেনি"), "\(storeError.message.bn)")
    #expect(!storeError.message.en.contains("cannot be reached"), "not told as a server that is away")
  }

  @Test func aHostNameTheCertificateDoesNotCarryIsRefused() throws {
    let server = try Server.shared
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }  // a scratch folder
    // The same server, on a second loopback address its certificate does not name.
    let error = refusal(
      server.url(host: "127.0.0.2", query: "sslmode=verify-full&sslrootcert=\(server.ca)"), dir + "/ledger.key")
    let storeError = try #require(error as? StoreError, "not a StoreError: \(String(describing: error))")
    guard case .badCertificate(_, .namesTheServer, server.ca, _) = storeError else {
      Issue.record("not refused as a certificate for another host: \(storeError)")
      return
    }
    #expect(storeError.message.en.contains("the certificate does not name 127.0.0.2"), "\(storeError.message.en)")
    #expect(storeError.message.bn.contains("সার্টিফিকেটে 127.0.0.2 নামটি নেই"), "\(storeError.message.bn)")
    // With the CA but no check of the name (sslmode=require) it connects: the name was the refusal.
    #expect(refusal(server.url(host: "127.0.0.2", query: "sslmode=require"), dir + "/ledger.key") == nil)
  }

  @Test func aCAFileThatCannotBeReadIsNamed() throws {
    let server = try Server.shared
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }  // a scratch folder
    let missing = dir + "/no-such-ca.pem"
    let error = refusal(server.url(query: "sslmode=verify-full&sslrootcert=\(missing)"), dir + "/ledger.key")
    guard case .badCertificate(_, .caFileReadable, missing, _)? = error as? StoreError else {
      Issue.record("the CA file is not named as unreadable: \(String(describing: error))")
      return
    }
    #expect((error as? StoreError)?.message.en.contains("sslrootcert) \(missing) cannot be read") == true)
  }

  /// A bad certificate on a journaled kiosk's server (here the CA file vouches for another CA):
  /// the kiosk goes on on its own disk, and the error is its own, naming the check and the file,
  /// for staff (the operators of staff mode's sign-in are read from the server) and the log.
  @Test func aBadCertificateIsAnErrorOfItsOwnAndAJournaledKioskGoesOn() throws {
    let server = try Server.shared
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }  // a scratch folder
    let good = server.url(query: "sslmode=verify-full&sslrootcert=\(server.ca)")
    let bad = server.url(query: "sslmode=verify-full&sslrootcert=\(server.otherCA)")
    let key = dir + "/ledger.key"
    let journal = dir + "/kiosk.sqlite"
    // The kiosk ran with the right CA: a draft started, and its reserve of ids and codes is there.
    var kiosk = try KioskStore(url: good, ledgerKeyPath: key, journalPath: journal)
    let d = try kiosk.createDraft(serviceID: "namjari", language: .bn)
    #expect(kiosk.serverProblem == nil)
    try kiosk.close()
    // Now the CA file no longer vouches for the server's certificate: the kiosk starts and goes on.
    kiosk = try KioskStore(url: bad, ledgerKeyPath: key, journalPath: journal)
    try kiosk.saveAnswer(draftID: d.id, questionID: "applicant_name", value: "রহিমা খাতুন")
    let offline = try kiosk.createDraft(serviceID: "khatian-copy", language: .en)
    try kiosk.saveAnswer(draftID: offline.id, questionID: "q1", value: "answer 1")
    #expect(try kiosk.pendingHandOver() == 3)
    #expect(try kiosk.answers(draftID: d.id) == ["applicant_name": "রহিমা খাতুন"])
    let problem = try #require(kiosk.serverProblem, "the kiosk keeps why it is on its own disk")
    guard case .badCertificate(_, .signedByCentreCA, server.otherCA, _) = problem else {
      Issue.record("not a certificate error naming the check and the file: \(problem)")
      return
    }
    // Staff asking the server now (staff mode's sign-in; kioskctl store status) get these words.
    let refused = kiosk
    for (what, attempt) in [("operators", { _ = try refused.operators() }), ("hand-over", { try refused.handOver() })] {
      do {
        try attempt()
        Issue.record("\(what): the server with the bad certificate was used")
      } catch let e as StoreError {
        #expect(e.message == problem.message, "\(what): \(e)")
      }
    }
    #expect(try kiosk.pendingHandOver() == 3)
    try kiosk.close()
    // The right CA again: every change arrives, once.
    kiosk = try KioskStore(url: good, ledgerKeyPath: key, journalPath: journal)
    try kiosk.handOver()
    #expect(try kiosk.pendingHandOver() == 0)
    #expect(kiosk.serverProblem == nil)
    let centre = try KioskStore(url: good, ledgerKeyPath: key)
    #expect(try centre.answers(draftID: offline.id) == ["q1": "answer 1"])
    #expect(try centre.answers(draftID: d.id) == ["applicant_name": "রহিমা খাতুন"])
    try centre.close()
    try kiosk.close()
  }

  @Test func theServerRefusesPlainTCP() throws {
    let server = try Server.shared
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }  // a scratch folder
    let error = refusal(server.url(query: "sslmode=disable"), dir + "/ledger.key")
    guard case .server(let state, let detail)? = error as? StoreError else {
      Issue.record("not refused by the server: \(String(describing: error))")
      return
    }
    #expect(state == "28000" && detail.contains("no encryption"), "\(state) \(detail)")
  }
}
