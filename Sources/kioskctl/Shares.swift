import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl shares --law hanafi [--land DECIMALS] [--json] KIND=COUNT…`: every heir's share of a
/// deceased Muslim's estate (Hanafi law as applied in Bangladesh), and of the land when given.
struct SharesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shares",
    abstract: "Each heir's share of an estate under Muslim (Hanafi) law, and of the land in decimals.",
    discussion: "Kinds: \(HeirKind.allCases.map(\.rawValue).joined(separator: ", ")). A family the "
      + "calculator does not cover is refused in words (exit 1).")
  @OptionGroup var common: Common
  @Option(help: "The law: hanafi (Muslim law, Hanafi school, as applied in Bangladesh).") var law: String
  @Option(help: "The deceased's land in decimals (shotok), e.g. 66 or 12.5") var land: String?
  @Option(help: "bn or en (the text table's language)") var lang: Language = .en
  @Argument(help: "Heirs as KIND=COUNT, e.g. wife=1 son=2 daughter=1") var heirs: [String] = []

  func run() throws {
    guard law == "hanafi" else {
      let words = tr("This calculator covers Muslim (Hanafi) law only; ask at the counter.")
      FileHandle.standardError.write(Data("kioskctl: \(words.bn)\n\(words.en)\n".utf8))
      throw ExitCode(1)
    }
    let counts: [HeirKind: Int]
    do {
      counts = try Hanafi.parseCounts(heirs)
    } catch {
      throw ValidationError(error.description)
    }
    var landAmount: Fraction?
    if let land {
      guard let value = Fraction.parseDecimal(land) else {
        throw ValidationError("--land takes decimals as a number such as 66 or 12.5, not '\(land)'")
      }
      landAmount = value
    }
    let setup = try common.setup()
    let units = LandUnits(bighaDecimals: setup.config.bighaDecimals)
    let table: ShareTable
    let lines: [ShareLine]
    do {
      table = try Hanafi.shares(counts)
      lines = try table.lines(land: landAmount)
    } catch {
      let words = error.sentence
      FileHandle.standardError.write(Data("kioskctl: \(words.bn)\n\(words.en)\n".utf8))
      throw ExitCode(1)
    }
    let rows: [[String: Any]] = lines.map { line in
      [
        "heir": line.row.kind.rawValue, "count": line.row.count, "share": line.row.share.description,
        "each": line.row.each.description,
        "land": line.landEach.map { $0.decimalString(places: 4) as Any } ?? NSNull(),
      ]
    }
    func localized(_ s: String) -> String { BengaliDigits.localized(s, lang) }
    var text = lines.map { line in
      var cells = [
        line.row.kind.name[lang], localized("\(line.row.count)"), localized(line.row.share.description),
        localized(line.row.each.description), line.row.basis.text(lang),
      ]
      if let land = line.landText(units, lang) { cells.append(land) }
      return cells.joined(separator: "\t")
    }
    text += table.notes.map { "* " + $0.text[lang] }
    if common.json {
      let data = try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys, .withoutEscapingSlashes])
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(text.joined(separator: "\n"))
    }
  }
}
