import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func resumePage(_ p: PageParts) {
    let body = p.body
    paragraph(
      body,
      text(
        tr("Type the 15-digit code printed on your slip, or hold the slip's QR code to the scanner.")))
    if let error = state.error { errorSummary(p, error) }
    let entry = Entry(accessibleLabel: text(tr("Application code")))
    entry.text = digits(state.typed["resume-code"] ?? "")
    p.liveEntry = ("resume-code", entry)
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      let typed = entry.text
      if let scan = ResumeCode.scan(in: typed) {
        self.openScanned(scan.code)
      } else {
        self.send(.enterCode(typed))
      }
    }
    entry.onActivate(submit)
    typingFooter(
      p, entry, state.language == .bn ? .bengaliDigits : .latinDigits, next: text(tr("Open")), submit)
  }
}
