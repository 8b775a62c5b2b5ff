import ArgumentParser
import Foundation

/// kioskctl's exit statuses: 0 done; 1 the work failed (a printer that is down, a code that finds
/// no draft, a config with a mistake: `CommandFailure`); 64 (EX_USAGE) only when the command line
/// itself is wrong, with the usage text. Under `--json` a failure is a JSON object on standard
/// output, `{"ok": false, "error": "…", "exit_code": N}`, never text a script cannot read.
extension KioskCtl {
  static func mainReportingJSON(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      Foundation.exit(0)
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if arguments.contains("--json"), code != .success, !message.isEmpty {
        let object: [String: Any] = ["ok": false, "error": message, "exit_code": code.rawValue]
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
          print(String(decoding: data, as: UTF8.self))
          Foundation.exit(code.rawValue)
        }
      }
      exit(withError: error)
    }
  }
}

/// The rows of RFC 4180 CSV (fields in double quotes may hold commas, quotes doubled, line ends).
func csvRows(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = text.makeIterator()
  var pending: Character? = nil
  while let c = pending ?? chars.next() {
    pending = nil
    if quoted {
      if c == "\"" {
        let next = chars.next()
        if next == "\"" {
          field.append("\"")
        } else {
          // A closing quote: the character after it is read as usual.
          quoted = false
          pending = next
          if next == nil { break }
        }
      } else {
        field.append(c)
      }
      continue
    }
    switch c {
    case "\"": quoted = true
    case ",":
      row.append(field)
      field = ""
    case "\n", "\r\n", "\r":
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    default: field.append(c)
    }
  }
  if !field.isEmpty || !row.isEmpty {
    row.append(field)
    rows.append(row)
  }
  return rows
}
