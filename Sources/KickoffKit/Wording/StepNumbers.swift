/// Step numbers as people write them: runs of three or more become ranges (`1–4`, `7`, `9`).
func numberRuns(_ numbers: [Int]) -> [String] {
    let sorted = Array(Set(numbers)).sorted()
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
