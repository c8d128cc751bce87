privacy-text =
    <b>Privacy</b>
    Kezdesu stores only what it needs to connect you with your akimat:
    • your Telegram id and language;
    • when you agreed to the processing of personal data;
    • the localities you follow;
    • your questions and proposals (with a photo, if you attached one) and the questions you supported;
    • the notifications sent to you, and the draft of a question you have not sent yet.
    We do not store your name, phone number or location.
    Your questions are passed to the akimat that holds the meeting.
    /mydata: download everything stored about you (a JSON file).
    /forget: delete your subscriptions and personal data. Your questions stay in the akimat's record, but without your name or id.
mydata-caption = Everything Kezdesu stores about you.
forget-ask =
    Delete your data? Your subscriptions, supports and settings will be deleted and you will stop receiving notices.
    Your questions and requests for a meeting stay in the akimat's record, anonymised.
forget-confirm = 🗑 Yes, delete
forget-cancel = Keep my data
forget-done = Done: your data are deleted. If you want to come back, send /start.
forget-cancelled = Nothing was deleted.
