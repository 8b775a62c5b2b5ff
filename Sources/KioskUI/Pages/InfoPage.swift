import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  /// The papers' pictures beside their words, pixels square (read once at this size: see firstFrame).
  static let documentPictureSize: Int32 = 56

  func infoPage(_ p: PageParts) {
    let body = p.body
    guard let service = reducer.service(state) else { return }
    paragraph(body, text(service.summary))
    paragraph(body, text(tr("What to bring")), "heading")
    for d in service.documents(for: state.answers) {
      let pictures = DocumentPicture.pictures(for: d)
      guard !pictures.isEmpty else {
        paragraph(body, "• " + text(d))
        continue
      }
      // The paper's picture beside its words, for a citizen who reads with difficulty.
      let row = body.append(Box(vertical: false, spacing: 12))
      for kind in pictures {
        let image = row.append(
          Image(
            file: setup.shareDirectory + "/" + kind.path, size: KioskApp.documentPictureSize,
            classes: ["document-picture"]))
        image.setAccessibleLabel(text(d))
      }
      let l = row.append(Label(text(d), classes: ["body"]))
      l.setWrap()
      l.setXAlign(0)
      l.setExpand(horizontal: true, vertical: false)
      l.setAlign(.fill, .center)
    }
    if service.documents.contains(where: { $0.when != nil }) {
      paragraph(
        body,
        text(tr("More papers may be needed, depending on your answers.")),
        "small")
    }
    paragraph(body, text(tr("What it costs")), "heading")
    // No store or printer failure hides behind this `try?`: a quote fails only for a catalogue file
    // that start-up refuses (every service quotes at every area class).
    if let quote = try? FeeEngine.quote(service, areaClass: setup.config.areaClass) {
      if quote.centreLines.isEmpty {
        paragraph(body, text(tr("No fee at this centre.")))
      }
      for line in quote.centreLines {
        paragraph(
          body,
          text(line.label) + ": "
            + text(tr("Tk {1}", .init(bn: "\(BengaliDigits.grouped(line.amount, .bn))", en: "\(line.amount)"))))
      }
      if let fee = service.centreFee, let free = fee.freePages, let per = fee.perExtraPage {
        paragraph(
          body,
          text(
            tr("Over {1} scanned pages, Tk {2} more for each page.", .digits("\(free)"), .digits("\(per)"))), "small")
      }
      for line in quote.governmentAtFiling + quote.governmentLater {
        // "(later)" unless the fee's own name already says when ("(অনুমোদনের পর)").
        let saysWhen = text(line.label).contains("(")
        let when = quote.governmentLater.contains(line) && !saysWhen ? text(tr(" (later)")) : ""
        paragraph(
          body,
          text(tr("Government fee, paid online: ")) + text(line.label) + when + ": "
            + text(tr("Tk {1}", .init(bn: "\(BengaliDigits.grouped(line.amount, .bn))", en: "\(line.amount)"))))
      }
    }
    if let days = service.usualDays {
      paragraph(
        body,
        text(tr("It usually takes {1} days.", .digits("\(days)"))))
    }
    let printList = body.append(Button(text(tr("Print this list")), classes: ["secondary"]))
    printList.onClicked { [weak self] in self?.send(.printDocumentsList) }
    navigation(p, next: (text(tr("Continue")), .continueFromInfo))
  }
}
