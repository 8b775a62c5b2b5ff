import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func homePage(_ p: PageParts) {
    let body = p.body
    paragraph(body, text(setup.config.centreName), "subtitle")
    paragraph(
      body,
      text(
        tr(
          "Start your land service application here. Fees are fixed by the government and shown first. Staff at the counter finish and file it with you."
        )))
    let start = body.append(Button(text(tr("Touch to start")), classes: ["start"]))
    start.onClicked { [weak self] in self?.send(.start) }
    let resume = body.append(
      Button(text(tr("Continue an application (with its code)")), classes: ["secondary"])
    )
    resume.onClicked { [weak self] in self?.send(.openResume) }
    // Asked for more than the fixed fee, or filed wrongly: a complaint the centre cannot make disappear.
    // The complaint and reading aloud share a row, so that the home page fits a 1280×720 screen.
    let row = body.append(Box(vertical: false, spacing: 16))
    let complaint = row.append(Button(text(tr("Complaint")), classes: ["secondary"]))
    complaint.onClicked { [weak self] in self?.send(.openComplaint) }
    // For a citizen who cannot read comfortably: every page read aloud as it opens.
    let speakAll = row.append(
      Button(toggle: text(tr("Read every page aloud")), active: speakPages, classes: ["secondary"]))
    paragraph(body, text(tr("Open: ")) + setup.config.openingHours(state.language), "small")
    paragraph(body, text(Documents.helplines), "helpline")
    speakAll.onClicked { [weak self] in
      guard let self else { return }
      self.speakPages.toggle()
      if self.speakPages { self.speak(self.pageSpeech()) } else { self.speaker.stop() }
    }
  }
}
