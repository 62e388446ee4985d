"""What demo people write: goals, steps, notes and comments, in a person's words."""

GOALS = {
    "earnings": [
        ("Raise my salary to {n} a year", "Salary", "EUR"),
        ("Earn {n} from freelance projects", "Freelance income", "EUR"),
        ("Negotiate a raise of {n} percent", "Raise", "%"),
    ],
    "knowledge": [
        ("Finish {n} online courses on data engineering", "Courses finished", "courses"),
        ("Read {n} books about leadership", "Books read", "books"),
        ("Pass the cloud architect certification with {n} points", "Exam score", "points"),
    ],
    "difference": [
        ("Speak at {n} conferences in my field", "Talks given", "talks"),
        ("Mentor {n} junior colleagues", "People mentored", "people"),
        ("Publish {n} articles on accessible design", "Articles", "articles"),
    ],
    "responsibility": [
        ("Lead a team of {n} people", "Team size", "people"),
        ("Run {n} projects end to end", "Projects led", "projects"),
        ("Own a budget of {n}", "Budget", "EUR"),
    ],
    "experiences": [
        ("Work {n} months from another country", "Months abroad", "months"),
        ("Meet {n} people from other teams for coffee", "Coffees", "coffees"),
        ("Join {n} communities of practice", "Communities", "groups"),
    ],
    "other": [
        ("Keep {n} evenings a week free of work", "Free evenings", "evenings"),
        ("Save {n} for a sabbatical", "Savings", "EUR"),
    ],
}

STEP_VERBS = [
    "Draft",
    "Book",
    "Ask about",
    "Finish",
    "Read up on",
    "Practise",
    "Write down",
    "Schedule",
    "Review",
    "Send",
    "Prepare",
    "Sign up for",
]
STEP_THINGS = [
    "the proposal for my manager",
    "a call with a mentor",
    "chapter {k} of the course",
    "my portfolio page",
    "the budget numbers",
    "a lunch with the team lead",
    "the conference talk outline",
    "notes from last week",
    "the certification practice test",
    "my CV",
    "feedback from two colleagues",
    "the project retrospective",
]
ACTION_PLANS = [
    "Block an hour on Tuesday morning before meetings start.",
    "Start small: twenty minutes a day, then see how it goes.",
    "Ask Sam for the template they used last year.",
    "",
    "",
    "",
]
HELPERS = ["", "", "my manager", "a colleague from the design team", "my buddy", "Sam"]
RESOURCES = ["", "", "", "a quiet afternoon", "the training budget", "a book from the library"]

VISION = {
    "success": "Work that I am proud of, with people I like, and time left for my family.",
    "money": "Teaching people how to build things that last, and writing about it.",
    "company": "Fewer meetings, clearer goals, and real time to learn on the job.",
    "perception": "Someone who is generous with what they know and keeps their word.",
    "ultimate_job": "Leading a small team that builds tools other teams love to use.",
    "admire": "My first manager: calm under pressure and always curious.",
}

RELEVANCE = [
    "It is the next step towards the job I described in my vision.",
    "My manager and I agreed this is what the next review will look at.",
    "",
]
ATTAINABILITY = ["I did something similar last year.", "It is a stretch, but I have help.", ""]
ABANDON_REASONS = [
    "My priorities changed after the reorganisation.",
    "I found a better way to get there.",
    "It no longer fits what I want.",
]

COMMENTS = [
    "Great progress, keep going!",
    "How did the conversation with your manager go?",
    "I love this one. Let me know if I can help.",
    "This step looked hard, well done for getting it done.",
    "Maybe break this into two smaller steps?",
    "Proud of you!",
]
CONGRATULATIONS = ["Congratulations, you earned it!", "You did it! Time to celebrate."]
CHECK_IN_NOTES = ["", "", "", "Slower week.", "Good momentum.", "Back on track."]

AGREEMENT_TOWARD = (
    "Each of us works toward the goals we share here, and says honestly how it is going."
)
AGREEMENT_SUPPORT = "A short call every other week; we ask questions rather than give advice."
REVIEW_NOTES = "We went through the shared goals. Next: one small step each before the next call."
REVIEW_PLACES = ["Video call", "Café on the corner", "Office kitchen", ""]

REWARDS = ["A weekend away", "Dinner with friends", "", "A new book"]

FIRST_NAMES = [
    "Ana",
    "Ben",
    "Chiara",
    "Dev",
    "Emeka",
    "Fatima",
    "Goran",
    "Hana",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Oskar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tomás",
    "Uma",
    "Viktor",
    "Wen",
    "Yara",
]

ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Warsaw",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Australia/Sydney",
    "Africa/Lagos",
    "Pacific/Auckland",
    "UTC",
]
