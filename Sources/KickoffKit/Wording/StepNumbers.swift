/// Step numbers as people write them: runs of three or more become ranges (`1–4`, `7`, `9`).
func numberRuns(_ numbers: [Int]) -> [String] {
    var sorted = numbers.sorted()
    // Each number once (without hashing them into a set: there are a handful).
    var kept = 0
    for index in sorted.indices where kept == 0 || sorted[kept - 1] != sorted[index] {
        sorted[kept] = sorted[index]
        kept += 1
    }
    sorted.removeLast(sorted.count - kept)
    var runs: [String] = []
    var index = 0
    while index < sorted.count {
        var end = index
        while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
        if end - index >= 2 {
            runs.append("\(sorted[index])–\(sorted[end])")
        } else {
            runs += sorted[index...end].map(String.init)
        }
        index = end + 1
    }
    return runs
}
