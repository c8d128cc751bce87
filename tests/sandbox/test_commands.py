"""setMyCommands & co per scope and language, menu button, descriptions."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeChatMember,
    BotCommandScopeDefault,
    MenuButtonCommands,
    MenuButtonDefault,
    MenuButtonWebApp,
    WebAppInfo,
)

from sandbox.client import SandboxClient

KK = [
    BotCommand(command="start", description="Бастау"),
    BotCommand(command="help", description="Көмек"),
]
RU = [BotCommand(command="start", description="Начать")]


async def test_commands_per_language_and_scope(bot: Bot, client: SandboxClient, user: int) -> None:
    assert await bot.set_my_commands(KK, language_code="kk")
    assert await bot.set_my_commands(RU, language_code="ru")
    assert await bot.set_my_commands(
        [BotCommand(command="admin", description="Әкімге")],
        scope=BotCommandScopeChat(chat_id=user),
    )
    assert await bot.set_my_commands(
        [BotCommand(command="start", description="Start")], scope=BotCommandScopeAllPrivateChats()
    )
    assert [c.command for c in await bot.get_my_commands(language_code="kk")] == ["start", "help"]
    assert await bot.get_my_commands() == []  # exactly this scope+language, no fallback
    assert await client.commands("ru") == [{"command": "start", "description": "Начать"}]
    assert await client.commands("", f"chat:{user}") == [
        {"command": "admin", "description": "Әкімге"}
    ]
    assert await client.commands("", "all_private_chats") == [
        {"command": "start", "description": "Start"}
    ]
    # what the user's client would show: the most specific scope wins
    assert [c["command"] for c in await client.effective_commands(user)] == ["admin"]
    assert await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=user))
    assert [c["command"] for c in await client.effective_commands(user)] == ["start"]
    assert (await client.effective_commands(user))[0]["description"] == "Start"


@pytest.mark.parametrize(
    ("command", "description", "error"),
    [
        ("Start", "x", "Bad Request: BOT_COMMAND_INVALID"),
        ("with-dash", "x", "Bad Request: BOT_COMMAND_INVALID"),
        ("a" * 33, "x", "Bad Request: command length must not exceed 32"),
        ("start", "   ", "Bad Request: command description must be non-empty"),
        ("start", "я" * 257, "Bad Request: command description length must not exceed 256"),
    ],
)
async def test_command_validation(bot: Bot, command: str, description: str, error: str) -> None:
    with pytest.raises(TelegramBadRequest) as raised:
        await bot.set_my_commands([BotCommand(command=command, description=description)])
    assert raised.value.message == error


async def test_leading_slash_is_dropped_and_language_checked(
    bot: Bot, client: SandboxClient
) -> None:
    assert await bot.set_my_commands([BotCommand(command="/start", description="Go")])
    assert await client.commands() == [{"command": "start", "description": "Go"}]
    with pytest.raises(TelegramBadRequest, match="invalid language code specified"):
        await bot.set_my_commands(RU, language_code="russian")


async def test_menu_button_and_descriptions(bot: Bot, client: SandboxClient, user: int) -> None:
    assert isinstance(await bot.get_chat_menu_button(), MenuButtonCommands)
    web_app = MenuButtonWebApp(text="Карта", web_app=WebAppInfo(url="https://kezdesu.kz/map"))
    assert await bot.set_chat_menu_button(chat_id=user, menu_button=web_app)
    button = await bot.get_chat_menu_button(chat_id=user)
    assert isinstance(button, MenuButtonWebApp)
    assert button.text == "Карта"
    assert (await client.chat(user))["menu_button"]["type"] == "web_app"
    # Back to the default: the chat page shows the bot's default button, the command menu.
    assert await bot.set_chat_menu_button(chat_id=user, menu_button=MenuButtonDefault())
    assert isinstance(await bot.get_chat_menu_button(chat_id=user), MenuButtonCommands)
    assert (await client.chat(user))["menu_button"] == {"type": "commands"}
    assert await bot.set_my_description("Әкімдермен кездесулер", language_code="kk")
    assert await bot.set_my_short_description("Кездесу")
    assert (await bot.get_my_description(language_code="kk")).description == (
        "Әкімдермен кездесулер"
    )
    assert (await bot.get_my_short_description()).short_description == "Кездесу"
    settings = await client.settings()
    assert {d["field"] for d in settings["descriptions"]} == {"description", "short_description"}


# The lists a bot may set, by (scope, language_code); the scope "chat" is the user's own chat.
LISTS = {
    ("chat", "kk"): "chat_kk",
    ("chat", ""): "chat_any",
    ("all_private_chats", "kk"): "private_kk",
    ("all_private_chats", ""): "private_any",
    ("default", "kk"): "default_kk",
    ("default", ""): "default_any",
    ("chat", "ru"): "chat_ru",
    ("chat_member", ""): "member",
    ("all_group_chats", ""): "groups",
}


@pytest.mark.parametrize(
    ("set_lists", "language_code", "shown"),
    [
        # Bot API "Determining list of commands", the chat with the bot, first set wins.
        (list(LISTS), "kk", "chat_kk"),
        ([k for k in LISTS if k != ("chat", "kk")], "kk", "chat_any"),
        (
            [("all_private_chats", "kk"), ("all_private_chats", ""), ("default", "kk")],
            "kk",
            "private_kk",
        ),
        ([("all_private_chats", ""), ("default", "kk")], "kk", "private_any"),
        ([("default", "kk"), ("default", "")], "kk", "default_kk"),
        ([("default", "")], "kk", "default_any"),
        # Another language's list is not the user's; "kk-KZ" reads as kk.
        ([("chat", "ru"), ("all_private_chats", "")], "kk", "private_any"),
        ([("chat", "ru"), ("chat", "kk")], "kk-KZ", "chat_kk"),
        ([("chat", "kk"), ("default", "")], None, "default_any"),
        # Group scopes never reach the private chat.
        ([("chat_member", ""), ("all_group_chats", ""), ("default", "")], "kk", "default_any"),
        ([("chat_member", ""), ("all_group_chats", "")], "kk", None),
    ],
)
async def test_the_menu_a_user_sees_follows_the_bot_api_order(
    bot: Bot,
    client: SandboxClient,
    set_lists: list[tuple[str, str]],
    language_code: str | None,
    shown: str | None,
) -> None:
    user = 1001
    await client.add_user(user, "Aigerim", language_code=language_code)
    scopes: dict[
        str,
        BotCommandScopeChat
        | BotCommandScopeChatMember
        | BotCommandScopeAllPrivateChats
        | BotCommandScopeAllGroupChats
        | BotCommandScopeDefault,
    ] = {
        "chat": BotCommandScopeChat(chat_id=user),
        "chat_member": BotCommandScopeChatMember(chat_id=user, user_id=user),
        "all_private_chats": BotCommandScopeAllPrivateChats(),
        "all_group_chats": BotCommandScopeAllGroupChats(),
        "default": BotCommandScopeDefault(),
    }
    for scope, language in set_lists:
        name = LISTS[(scope, language)]
        await bot.set_my_commands(
            [BotCommand(command=name, description=name)],
            scope=scopes[scope],
            language_code=language or None,
        )
    # getMyCommands answers exactly the scope and language asked, with no fallback.
    for scope, language in set_lists:
        listed = await bot.get_my_commands(scope=scopes[scope], language_code=language or None)
        assert [c.command for c in listed] == [LISTS[(scope, language)]]
    menu = await client.effective_commands(user)
    assert [c["command"] for c in menu] == ([shown] if shown else [])
