import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  /// The icon on each service tile, named by the service's catalogue file (an Adwaita symbolic
  /// icon, installed with GTK); a citizen who reads slowly finds a tile by its picture.
  static func icon(_ service: Service) -> String { service.icon + "-symbolic" }

  func servicesPage(_ p: PageParts) {
    let body = p.body
    var row: Box?
    for (i, service) in setup.catalogue.services.enumerated() {
      if i % 3 == 0 {
        row = body.append(Box(vertical: false, spacing: 16))
        row?.setExpand(horizontal: true, vertical: false)
        row?.setHomogeneous(true)
      }
      let fee: String
      if let f = service.centreFee?.byClass[setup.config.areaClass] {
        fee = text(tr("Fee Tk {1}", .init(bn: "\(BengaliDigits.grouped(f, .bn))", en: "\(f)")))
      } else {
        fee = text(tr("Free"))
      }
      let tile = Button(text(service.name) + "\n" + fee, icon: KioskApp.icon(service), classes: ["service"])
      tile.setAccessibleLabel(text(service.name))
      tile.setExpand(horizontal: true, vertical: false)
      tile.setSizeRequest(width: 300, height: 120)
      tile.onClicked { [weak self] in self?.send(.chooseService(service.id)) }
      row?.append(tile)
    }
    navigation(p, next: nil)
  }
}
