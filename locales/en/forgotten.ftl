## A stored notice about an official who later used /forget: the fact stays, the person does not.

forgotten-notice-accepted = ✅ Your invitation was accepted; the akimat has a new official (akimat: { $akimat }). That person later asked for their data to be deleted, so their name and id are not shown.
