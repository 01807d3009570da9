import DriftwatchTestSupport
import Storage
import Synchronization
import Testing

@testable import DriftwatchServer

/// What the stages ran, in order.
private final class Journal: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var entries: [String] { lines.withLock { $0 } }
}

@Suite(.timeLimit(.minutes(1))) struct IngestStagesTests {
    static func outcome(_ inserted: Int) -> InsertOutcome { InsertOutcome(inserted: inserted, duplicates: 0) }

    @Test func storesAndProfilingStepsRunOneAtATimeInEntryOrder() async throws {
        let stages = IngestStages(maxUnprofiled: 8)
        let journal = Journal()
        let firstStore = Latch()
        var answers: [Task<InsertOutcome, any Error>] = []
        for batch in 0..<5 {
            answers.append(
                await stages.enter(
                    store: {
                        // The first store holds: the others are entered meanwhile and must wait for it.
                        if batch == 0 { await firstStore.wait() }
                        journal.add("store \(batch) begins")
                        await Task.yield()
                        journal.add("store \(batch) ends")
                        return Self.outcome(batch)
                    },
                    profile: { result in journal.add("profile \(batch) of \((try? result.get().inserted) ?? -1)") }))
        }
        stages.enqueue { journal.add("flush") }
        firstStore.open()
        for (batch, answer) in answers.enumerated() { #expect(try await answer.value.inserted == batch) }
        await stages.settled()

        let entries = journal.entries
        #expect(entries.filter { $0.hasPrefix("store") } == (0..<5).flatMap { ["store \($0) begins", "store \($0) ends"] })
        #expect(entries.filter { !$0.hasPrefix("store") } == (0..<5).map { "profile \($0) of \($0)" } + ["flush"])
        for batch in 0..<5 {
            let stored = try #require(entries.firstIndex(of: "store \(batch) ends"))
            let profiled = try #require(entries.firstIndex(of: "profile \(batch) of \(batch)"))
            #expect(stored < profiled)
        }
    }

    @Test func aBatchIsAnsweredBeforeItIsProfiledAndSettledWaitsForTheProfiling() async throws {
        let stages = IngestStages(maxUnprofiled: 2)
        let journal = Journal()
        let profiling = Latch()
        let answer = await stages.enter(
            store: { Self.outcome(3) },
            profile: { _ in
                await profiling.wait()
                journal.add("profiled")
            })
        #expect(try await answer.value.inserted == 3)
        journal.add("answered")
        let settled = Task {
            await stages.settled()
            journal.add("settled")
        }
        profiling.open()
        await settled.value
        #expect(journal.entries == ["answered", "profiled", "settled"])
    }

    @Test func aBatchBeyondTheBoundWaitsForProfilingBeforeItIsStored() async throws {
        let stages = IngestStages(maxUnprofiled: 1)
        let journal = Journal()
        let profiling = Latch()
        let first = await stages.enter(
            store: {
                journal.add("store 1")
                return Self.outcome(1)
            },
            profile: { _ in
                await profiling.wait()
                journal.add("profile 1")
            })
        _ = try await first.value
        let second = Task {
            await stages.enter(
                store: {
                    journal.add("store 2")
                    return Self.outcome(2)
                },
                profile: { _ in journal.add("profile 2") })
        }
        while stages.waitingBatches == 0 { await Task.yield() }
        journal.add("profiling released")
        profiling.open()
        #expect(try await second.value.value.inserted == 2)
        await stages.settled()
        #expect(journal.entries == ["store 1", "profiling released", "profile 1", "store 2", "profile 2"])
        #expect(stages.waitingBatches == 0)
    }

    @Test func aFailedStoreReachesItsProfilingStepAndFreesItsPlace() async throws {
        let stages = IngestStages(maxUnprofiled: 1)
        let journal = Journal()
        @Sendable func record(_ result: Result<InsertOutcome, any Error>) {
            switch result {
            case .success(let outcome): journal.add("stored \(outcome.inserted)")
            case .failure(let error): journal.add("failed: \(error)")
            }
        }
        let failed = await stages.enter(store: { throw StoreError.notFound("model 'gone'") }, profile: { record($0) })
        await #expect(throws: StoreError.self) { try await failed.value }
        // With room for one batch, this enters only if the failed batch gave its place back.
        let next = await stages.enter(store: { Self.outcome(4) }, profile: { record($0) })
        #expect(try await next.value.inserted == 4)
        await stages.settled()
        #expect(journal.entries == ["failed: \(StoreError.notFound("model 'gone'"))", "stored 4"])
    }
}
