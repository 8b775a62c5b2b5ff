import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  /// Search results for what is typed, larger units first; a tap answers with the whole path.
  func placeSuggestions(_ p: PageParts, _ entry: Entry) {
    let body = p.body
    let box = body.append(Box(vertical: true, spacing: 8))
    func refresh() {
      box.removeAll()
      guard let places, entry.text.count >= 2 else { return }
      for match in places.search(entry.text, limit: 4) {
        let label = match.label(state.language)
        let b = box.append(Button(label, classes: ["suggestion"]))
        b.onClicked { [weak self] in self?.send(.answer(label)) }
      }
    }
    entry.onChanged { refresh() }
    refresh()
    let browse = body.append(Button(text(bn: "তালিকা থেকে বেছে নিন", en: "Choose from the list"), classes: ["secondary"]))
    browse.onClicked { [weak self] in
      self?.placeTyping = false
      self?.redraw()
    }
  }

  /// Division → district → upazila as large buttons; choosing an upazila answers the question.
  /// A place missing from the list can still be typed ("Type it").
  func placeBrowser(_ p: PageParts, _ q: Question) {
    let body = p.body
    guard let places else { return }
    let path = placePath.filter { $0 < places.places.count }
    let trail = body.append(Box(vertical: false, spacing: 8, classes: ["trail"]))
    let top = trail.append(Button(text(bn: "সব বিভাগ", en: "All divisions"), classes: ["crumb"]))
    top.onClicked { [weak self] in
      self?.placePath = []
      self?.redraw()
    }
    for (depth, index) in path.enumerated() {
      let crumb = trail.append(Button("› " + places.places[index].name[state.language], classes: ["crumb"]))
      crumb.onClicked { [weak self] in
        self?.placePath = Array(path.prefix(depth + 1))
        self?.redraw()
      }
    }
    let level = path.count  // 0 divisions, 1 districts, 2 upazilas
    paragraph(
      body,
      text(
        bn: ["বিভাগ বেছে নিন", "জেলা বেছে নিন", "উপজেলা বেছে নিন"][min(level, 2)],
        en: ["Choose the division", "Choose the district", "Choose the upazila"][min(level, 2)]), "small")
    let children = places.children(of: path.last).sorted {
      places.places[$0].name[state.language] < places.places[$1].name[state.language]
    }
    var row: Box?
    for (i, child) in children.enumerated() {
      if i % 4 == 0 {
        row = body.append(Box(vertical: false, spacing: 12))
        row?.setHomogeneous(true)
      }
      let place = places.places[child]
      let b = row!.append(Button(place.name[state.language], classes: ["place"]))
      b.setExpand(horizontal: true, vertical: false)
      b.onClicked { [weak self] in
        guard let self else { return }
        if place.level >= .upazila {
          let label = places.path(child).reversed().map { $0.name[self.state.language] }.joined(separator: ", ")
          self.placePath = []
          self.send(.answer(label))
        } else {
          self.placePath = path + [child]
          self.send(.touch)
          self.redraw()
        }
      }
    }
    let typeIt = body.append(
      Button(text(bn: "তালিকায় নেই? লিখে খুঁজুন", en: "Not in the list? Type to search"), classes: ["secondary"]))
    typeIt.onClicked { [weak self] in
      self?.placeTyping = true
      self?.send(.touch)
      self?.redraw()
    }
  }
}
