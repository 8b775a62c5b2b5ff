import Foundation
import Synchronization
import Testing

@testable import Gtk

/// Swift's main queue is not drained by GLib on Linux: work from async code must reach the GTK
/// thread through the GLib main context. These run without a display (GLib only).
final class Shared<T: Sendable>: Sendable {
  let value: Mutex<T>
  init(_ v: T) { value = Mutex(v) }
  func get() -> T { value.withLock { $0 } }
  func set(_ f: (inout T) -> Void) { value.withLock { f(&$0) } }
}

@Suite(.serialized) struct MainLoopTests {
  @MainActor @Test func asyncCodeHopsOntoTheGLibLoop() async throws {
    let result = Shared<(value: Int, onMain: Bool)?>(nil)
    // The thread that iterates the GLib loop is GTK's thread; the work must run there.
    let loopThread = pthread_self()
    Task.detached {
      let answer = await MainLoop.run { () -> (Int, Bool) in (41 + 1, pthread_equal(pthread_self(), loopThread) != 0) }
      result.set { $0 = answer }
    }
    let deadline = Date().addingTimeInterval(5)
    while result.get() == nil, Date() < deadline {
      MainLoop.iterate(blocking: false)
      try await Task.sleep(for: .milliseconds(1))
    }
    let got = try #require(result.get())
    #expect(got.value == 42)
    #expect(got.onMain, "the hop must land on the thread that runs the GLib loop")
  }

  @MainActor @Test func invokeFromAnotherThreadRunsInOrder() async throws {
    let seen = Shared<[Int]>([])
    let t = Thread {
      for i in 0..<5 { MainLoop.invoke { seen.set { $0.append(i) } } }
    }
    t.start()
    let deadline = Date().addingTimeInterval(5)
    while seen.get().count < 5, Date() < deadline {
      MainLoop.iterate(blocking: false)
      try await Task.sleep(for: .milliseconds(1))
    }
    #expect(seen.get() == [0, 1, 2, 3, 4])
  }

  @MainActor @Test func timerStopsWhenReleased() async throws {
    var fired = 0
    var timer: LoopTimer? = LoopTimer(every: 1) {
      fired += 1
      return true
    }
    let deadline = Date().addingTimeInterval(5)
    while fired < 3, Date() < deadline {
      MainLoop.iterate(blocking: false)
      try await Task.sleep(for: .milliseconds(1))
    }
    #expect(fired >= 3)
    timer = nil
    _ = timer
    let after = fired
    for _ in 0..<20 {
      MainLoop.iterate(blocking: false)
      try await Task.sleep(for: .milliseconds(2))
    }
    #expect(fired == after, "a released timer never fires again")
  }
}
