import Foundation
import Gtk
import KioskCore
import KioskPrint

/// The place list, loaded once on a thread of its own when the first frame is painted: neither
/// start-up nor the place page waits for it (the place page used to load and index it on first
/// use, 265–378 ms after the mobile number's Next). Whoever asks before it is ready waits for it.
final class PlaceLoader: @unchecked Sendable {
  private let condition = NSCondition()
  private var started = false
  private var done = false
  private var loaded: PlaceDirectory?
  let folder: String

  init(folder: String) { self.folder = folder }

  func start() {
    condition.lock()
    defer { condition.unlock() }
    if started { return }
    started = true
    Thread.detachNewThread { [self] in
      var directory: PlaceDirectory?
      do {
        directory = try PlaceDirectory.load(directory: folder)
      } catch {
        FileHandle.standardError.write(Data("bhumiseba-kiosk: places not loaded: \(error)\n".utf8))
      }
      condition.lock()
      loaded = directory
      done = true
      condition.broadcast()
      condition.unlock()
    }
  }

  /// The list (nil when it could not be read), waiting for the loader if it is still at work.
  var places: PlaceDirectory? {
    start()
    condition.lock()
    defer { condition.unlock() }
    while !done { condition.wait() }
    return loaded
  }
}

extension KioskApp {
  /// Search results for what is typed, best first; a tap answers with the whole path (a division
  /// or district opens the list there, to go further down).
  func placeSuggestions(_ p: PageParts, _ entry: Entry) {
    let body = p.body
    let box = body.append(Box(vertical: true, spacing: 8))
    // The field's own closure holds the page's widgets weakly (held strongly, the entry kept itself
    // and its page alive after the page was replaced).
    entry.onChanged { [weak self, weak p, weak entry, weak box] in
      guard let self, let p, let entry, let box else { return }
      self.refreshSuggestions(p, entry, box, typed: true)
    }
    refreshSuggestions(p, entry, box, typed: false)
    let browse = body.append(Button(text(tr("Choose from the list")), classes: ["secondary"]))
    browse.onClicked { [weak self] in
      self?.placeTyping = false
      self?.redraw()
    }
  }

  func refreshSuggestions(_ p: PageParts, _ entry: Entry, _ box: Box, typed: Bool) {
    box.removeAll()
    guard let places, entry.text.count >= 2 else { return }
    // A ward typed alone ("ward 26", "২৬ নং ওয়ার্ড") is looked for under the thana or city
    // corporation chosen in the list before "type to search".
    let matches = places.search(entry.text, limit: 4, scope: placePath.last)
    // The typing page keeps its end in sight above the keyboard; while typing, the best
    // suggestions (the first) are what must be seen.
    if typed && !matches.isEmpty {
      window?.onNextPaint { [weak p, weak box] in
        if let box { p?.scrolled?.scrollToShow(box) }
      }
    }
    for match in matches {
      let label = match.label(state.language)
      let b = box.append(Button(digits(label), classes: ["suggestion"]))
      let path = places.lineage(match.index)
      b.onClicked { [weak self] in
        guard let self else { return }
        if match.place.level.depth < 2 && match.place.level != .ward {
          self.placePath = path
          self.placeTyping = false
          self.placeWards = false
          self.send(.touch)
          self.redraw()
        } else {
          self.send(.answer(label))
        }
      }
    }
  }

  /// Division → district → upazila or city corporation → union or thana → ward, as large
  /// buttons. A place with nothing listed below it answers the question when tapped; under an
  /// upazila or a city corporation "my union (thana) is not in the list" answers with that upazila
  /// (city corporation). A thana of a city corporation whose wards are listed, "my thana is not in
  /// the list" there, and a corporation whose thanas are not listed open the ward numbers (see
  /// `wardTiles`). Where each tap leads is
  /// `PlaceDirectory.tapped`/`notListed`/`wardChosen`. A place missing from the list can be
  /// searched for by typing ("Type it").
  func placeBrowser(_ p: PageParts, _ q: Question) {
    let body = p.body
    guard let places else { return }
    let language = state.language
    let path = placePath.filter { $0 < places.places.count }
    // Held by the buttons: the page weakly (a strong hold kept the page alive after it was replaced).
    let go: (PlaceDirectory.PickerStep) -> Void = { [weak self] step in
      guard let self else { return }
      switch step {
      case .open(let index), .wards(let index):
        self.placePath = places.lineage(index)
        if case .wards = step { self.placeWards = true } else { self.placeWards = false }
        self.send(.touch)
        self.redraw()
      case .answer(let text):
        self.placePath = []
        self.placeWards = false
        self.send(.answer(text))
      }
    }
    let trail = body.append(Box(vertical: false, spacing: 8, classes: ["trail"]))
    let top = trail.append(Button(text(tr("All divisions")), classes: ["crumb"]))
    top.onClicked { [weak self] in
      self?.placePath = []
      self?.placeWards = false
      self?.send(.touch)
      self?.redraw()
    }
    for (depth, index) in path.enumerated() {
      let crumb = trail.append(Button("› " + places.places[index].name[language], classes: ["crumb"]))
      crumb.onClicked { [weak self] in
        guard let self else { return }
        // The last crumb is the page on screen (the wards' too); one further up, its list.
        if depth + 1 < path.count { self.placeWards = false }
        self.placePath = Array(path.prefix(depth + 1))
        self.send(.touch)
        self.redraw()
      }
    }
    if placeWards, let index = path.last, places.wardCount(under: index) > 0 {
      wardTiles(p, places, index, go)
      return
    }
    let children = places.children(of: path.last).sorted {
      places.places[$0].name[language] < places.places[$1].name[language]
    }
    let current = path.last.map { places.places[$0] }
    let prompt: BilingualText
    switch current?.level {
    case nil: prompt = tr("Choose the division")
    case .division: prompt = tr("Choose the district")
    case .district:
      prompt =
        children.contains { places.places[$0].level == .cityCorporation }
        ? tr("Choose the upazila or city corporation")
        : tr("Choose the upazila")
    case .cityCorporation: prompt = tr("Choose the thana")
    default: prompt = tr("Choose the union")
    }
    paragraph(body, text(prompt), "small")
    // City corporations first and apart from the upazilas: the centres stand in cities.
    let cities = children.filter { places.places[$0].level == .cityCorporation }
    let rest = children.filter { places.places[$0].level != .cityCorporation }
    var groups: [(BilingualText?, [Int])] = [(nil, rest)]
    if !cities.isEmpty {
      groups = [
        (tr("City corporations"), cities),
        (tr("Upazilas"), rest),
      ]
    }
    for (heading, members) in groups where !members.isEmpty {
      if let heading { paragraph(body, text(heading), "small") }
      var row: Box?
      for (i, child) in members.enumerated() {
        if i % 4 == 0 {
          row = body.append(Box(vertical: false, spacing: 12))
          row?.setHomogeneous(true)
        }
        let place = places.places[child]
        let b = row!.append(Button(place.name[language], classes: ["place"]))
        b.setExpand(horizontal: true, vertical: false)
        b.onClicked { go(places.tapped(child, language: language)) }
      }
      // The last row's buttons as wide as the others.
      for _ in 0..<((4 - members.count % 4) % 4) {
        row?.append(Box(vertical: false)).setExpand(horizontal: true, vertical: false)
      }
    }
    if let index = path.last, let current, current.level == .upazila || current.level == .cityCorporation {
      let notListed =
        current.level == .upazila
        ? tr("My union is not in the list: answer {1} upazila", .text(current.name))
        : tr("My thana is not in the list: answer {1}", .text(current.name))
      let b = body.append(Button(text(notListed), classes: ["secondary"]))
      b.onClicked { go(places.notListed(index, language: language)) }
    }
    let typeIt = body.append(
      Button(text(tr("Not in the list? Type to search")), classes: ["secondary"]))
    typeIt.onClicked { [weak self] in
      self?.placeTyping = true
      self?.send(.touch)
      self?.redraw()
    }
  }

  /// The wards of the thana's (or the city corporation's) corporation, by number, ten to a row so
  /// that a row is a ten (২০–২৯), twenty on a wide screen (all 75 of Dhaka South in sight at
  /// 1920×1080): which ward lies in which thana is not known, so all of them are offered. "I don't
  /// know my ward" comes first, in sight above the numbers, and answers with the thana
  /// (corporation).
  func wardTiles(
    _ p: PageParts, _ places: PlaceDirectory, _ index: Int, _ go: @escaping (PlaceDirectory.PickerStep) -> Void
  ) {
    let body = p.body
    let language = state.language
    paragraph(body, text(tr("Choose the ward number")), "small")
    let unknown = body.append(
      Button(text(tr("I don't know my ward: answer {1}", .text(places.places[index].name))), classes: ["secondary"]))
    unknown.onClicked { go(places.wardChosen(nil, under: index, language: language)) }
    let count = places.wardCount(under: index)
    let perRow = (window?.width ?? 0) >= 1600 ? 20 : 10
    var row: Box?
    for slot in 0...count {
      if slot % perRow == 0 {
        row = body.append(Box(vertical: false, spacing: 8))
        row?.setHomogeneous(true)
      }
      // Ward 0 does not exist: its slot stays empty, so that each row begins with a ten.
      guard slot > 0 else {
        row?.append(Box(vertical: false)).setExpand(horizontal: true, vertical: false)
        continue
      }
      let b = row!.append(Button(digits(String(slot)), classes: ["place", "ward"]))
      b.setExpand(horizontal: true, vertical: false)
      b.onClicked { go(places.wardChosen(slot, under: index, language: language)) }
    }
    for _ in 0..<((perRow - (count + 1) % perRow) % perRow) {
      row?.append(Box(vertical: false)).setExpand(horizontal: true, vertical: false)
    }
  }
}
