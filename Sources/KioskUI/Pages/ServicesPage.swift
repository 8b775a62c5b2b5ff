import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  /// The icon on each service tile, named by the service's catalogue file (an Adwaita symbolic
  /// icon, installed with GTK); a citizen who reads slowly finds a tile by its picture.
  static func icon(_ service: Service) -> String { service.icon + "-symbolic" }

  func servicesPage(_ p: PageParts) {
    // Three equal columns. A grid rather than rows of boxes: see shim_grid_new.
    let grid = p.body.append(Grid(columnSpacing: 16, rowSpacing: 16))
    grid.setExpand(horizontal: true, vertical: false)
    for (i, service) in setup.catalogue.services.enumerated() {
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
      grid.attach(tile, column: Int32(i % 3), row: Int32(i / 3))
    }
    navigation(p, next: nil)
  }
}
