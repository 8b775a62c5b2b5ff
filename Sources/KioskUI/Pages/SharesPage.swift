import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  /// Each heir's share of the deceased owner's estate (Muslim law, Hanafi school, as applied in
  /// Bangladesh), from the heirs' relations on the list page, and each heir's land in decimals and
  /// in the district's bigha and katha. A family the calculator does not cover is said in words
  /// with "ask at the counter"; Back returns to the heirs' list.
  func sharesPage(_ p: PageParts, _ groupID: String) {
    let body = p.body
    paragraph(body, text(tr("Each heir's share under Muslim law (Hanafi school)")), "heading")
    if let shares = InheritanceShares.from(answers: state.answers, group: groupID) {
      switch shares.result {
      case .failure(let refusal):
        paragraph(body, text(refusal.sentence), "error")
      case .success(let (_, lines)):
        let units = LandUnits(bighaDecimals: setup.config.bighaDecimals)
        for line in lines {
          let row = body.append(Box(vertical: true, spacing: 2, classes: ["check-row"]))
          let who = tr("{1} × {2}", .text(line.row.kind.name), .digits("\(line.row.count)"))
          row.append(Label(text(who), classes: ["small"])).setXAlign(0)
          let share = tr(
            "{1} of the estate; each {2}", .digits(line.row.share.description), .digits(line.row.each.description))
          row.append(Label(text(share), classes: ["answer"])).setXAlign(0)
          let basis = row.append(Label(line.row.basis.text(state.language), classes: ["small"]))
          basis.setXAlign(0)
          basis.setWrap()
          if let land = line.landText(units, state.language) {
            let l = row.append(Label(text(tr("Land, each: {1}", .same(land))), classes: ["body"]))
            l.setXAlign(0)
            l.setWrap()
          }
        }
      }
      for note in shares.notes { paragraph(body, text(note.text), "small") }
    } else {
      paragraph(body, text(tr("No heir's relation has been given yet.")))
    }
    paragraph(
      body, text(tr("This calculator covers Muslim (Hanafi) law only; a Hindu family should ask at the counter.")),
      "small")
    paragraph(body, text(tr("For guidance: the heirship certificate and the AC (Land) settle the shares.")), "small")
    navigation(p, next: nil)
  }
}
